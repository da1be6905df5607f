/**
 * Fetches one of the editor's chunks. A dropped connection (a meeting room's wifi) often lasts a moment: the
 * chunk is fetched up to three times, a second apart, before the failure is shown.
 */
export async function withRetries<T>(load: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
