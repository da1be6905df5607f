/**
 * The name of a row of a meeting's attendance list in the whole-list form: "p12"
 * for a member (person 12), "g5" for a guest (attendance row 5). The form's
 * fields carry it ("status:p12"), and a refusal names the row's own control
 * with it. A module of its own, without the database, so the page can use it too.
 */
export function attendanceRowKey(row: { personId?: number | null; guestId?: number | null }): string {
  return row.personId ? `p${row.personId}` : `g${row.guestId}`;
}
