/** "1,2 MB", "340 kB", "512 byte": a file's size as Swedish text (decimal comma, 1 MB = 1024 × 1024 byte). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "kB"] : [bytes / (1024 * 1024), "MB"];
  const shown = value < 10 ? value.toFixed(1) : Math.round(value).toString();
  return `${shown.replace(".", ",")} ${unit}`;
}
