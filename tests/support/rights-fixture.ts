import Database from "better-sqlite3";
import type { RunningServer } from "./server";

/**
 * In a fresh demo database: the next open meeting of Lokal styrgrupp
 * Skärholmen, whose minutes both the police co-chair Johan Bergström
 * (lpo.skarholmen) and the chair Sara Lindqvist (sdd.skarholmen) may edit,
 * and what the tests of changed rights take away: his membership, her account.
 */
export function styrgruppMinutes(server: RunningServer) {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    const meeting = db
      .prepare(
        "select m.id, m.group_id as groupId from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Skärholmen' and m.locked_at is null order by m.starts_at limit 1",
      )
      .get() as { id: number; groupId: number };
    const membership = db
      .prepare(
        "select ms.id, ms.person_id as personId from memberships ms join people p on p.id = ms.person_id join groups g on g.id = ms.group_id where p.email = 'lpo.skarholmen@example.se' and g.name = 'Lokal styrgrupp Skärholmen'",
      )
      .get() as { id: number; personId: number };
    const chair = db.prepare("select id from people where email = 'sdd.skarholmen@example.se'").get() as { id: number };
    return { meetingId: meeting.id, groupId: meeting.groupId, minutes: `meeting-${meeting.id}-minutes`, membership, chairId: chair.id };
  } finally {
    db.close();
  }
}

/** An administrator's change to a person (remove-membership, deactivate …), posted as the admin page does. */
export function postAdminPersonChange(server: RunningServer, adminCookie: string, personId: number, fields: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/admin/personer/${personId}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: adminCookie },
  });
}
