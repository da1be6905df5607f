/** "§ 3/2026": how a § of a group's record is cited, on pages, in PDFs and in messages. */
export function paragraphLabel(number: number, year: number): string {
  return `§ ${number}/${year}`;
}
