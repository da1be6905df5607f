/**
 * CSV as Swedish Excel opens it: UTF-8 with a byte-order mark (else å, ä, ö come out garbled),
 * `;` between cells (the list separator where `,` is the decimal comma), CRLF line ends and
 * RFC 4180 quoting. A cell starting with = + - @ (or a tab or carriage return) gets an apostrophe
 * in front, so a spreadsheet shows it as text instead of running it as a formula (CSV injection).
 */
export function toCsv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

export function csvCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
