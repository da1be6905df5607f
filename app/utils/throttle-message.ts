/** Says when the next login attempt is possible, rounded up, so nobody tries again too early. */
export function throttledMessage(retryAfterMs: number): string {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} ${seconds === 1 ? "sekund" : "sekunder"}` : `${minutes} ${minutes === 1 ? "minut" : "minuter"}`;
  return `För många misslyckade inloggningsförsök. Försök igen om ${wait}.`;
}
