import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { getPath } from "../support/form-posts";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 16: "The beredningsgrupp sees the styrgrupp's decisions and their follow-up (its mandate to prepare
 * and follow up), without the styrgrupp's other texts." On the demo data: the Skärholmen beredningsgrupp's
 * page lists the lokal styrgrupp's justerade decisions with their uppdrag; a decision whose protocol is not
 * yet justerat is not listed; the styrgrupp's meeting pages stay closed to a member of the beredningsgrupp
 * only; an arbetsgrupp has no such list; Östermalm's beredningsgrupp sees none of Skärholmen's decisions.
 */

let server: RunningServer;

function readDb<T>(query: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function groupOf(namePattern: string, kind: string) {
  return readDb(
    (db) =>
      db.prepare("select id, agreement_id as agreementId from groups where name like ? and kind = ? and active = 1").get(namePattern, kind) as {
        id: number;
        agreementId: number;
      },
  );
}

/** A member of the group who is in no styrgrupp of that agreement. */
function onlyMemberOf(groupId: number) {
  return readDb(
    (db) =>
      (
        db
          .prepare(
            `select p.email from memberships ms join people p on p.id = ms.person_id where ms.group_id = ?
             and p.id not in (select m2.person_id from memberships m2 join groups g2 on g2.id = m2.group_id
                              where g2.kind = 'styrgrupp' and g2.agreement_id = (select agreement_id from groups where id = ?))
             order by p.id limit 1`,
          )
          .get(groupId, groupId) as { email: string }
      ).email,
  );
}

describe("a beredningsgrupp's view of its styrgrupp's decisions", () => {
  it("lists the final decisions with their uppdrag and leaves out those not yet justerade, and the meetings stay closed", async () => {
    const beredning = groupOf("%Skärholmen%", "beredningsgrupp");
    const steering = groupOf("%Skärholmen%", "styrgrupp");
    const decided = readDb(
      (db) =>
        db
          .prepare(
            `select d.number, d.year, d.title, m.id as meetingId, (m.locked_at is not null or d.immediately_approved_at is not null) as final
             from decisions d join meetings m on m.id = d.meeting_id where d.group_id = ? and d.year >= ? order by d.id`,
          )
          .all(steering.id, new Date().getFullYear() - 1) as { number: number; year: number; title: string; meetingId: number; final: number }[],
    );
    const final = decided.filter((d) => d.final);
    expect(final.length).toBeGreaterThan(0);
    const member = await sessionCookie(server, onlyMemberOf(beredning.id));
    const page = await getPath(server, `/grupper/${beredning.id}`, member);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="styrgruppens-beslut"');
    for (const d of final) expect(page.body).toContain(`data-steering-decision="§ ${d.number}/${d.year}"`);
    for (const d of decided.filter((d) => !d.final)) expect(page.body).not.toContain(`data-steering-decision="§ ${d.number}/${d.year}"`);
    expect((await getPath(server, `/moten/${final[0].meetingId}`, member)).status).toBe(404);
  });

  it("is not on an arbetsgrupp's page, and Östermalm's beredningsgrupp sees nothing of Skärholmen", async () => {
    const arbetsgrupp = groupOf("%", "arbetsgrupp");
    const member = await sessionCookie(server, onlyMemberOf(arbetsgrupp.id));
    expect((await getPath(server, `/grupper/${arbetsgrupp.id}`, member)).body).not.toContain('id="styrgruppens-beslut"');

    const ostermalm = groupOf("%Östermalm%", "beredningsgrupp");
    const ostermalmSteering = groupOf("%Östermalm%", "styrgrupp");
    // Exactly Östermalm's own final decisions are listed (titles repeat between districts, so they are counted).
    const ownFinal = readDb(
      (db) =>
        (
          db
            .prepare(
              `select count(*) as n from decisions d join meetings m on m.id = d.meeting_id
               where d.group_id = ? and d.year >= ? and (m.locked_at is not null or d.immediately_approved_at is not null)`,
            )
            .get(ostermalmSteering.id, new Date().getFullYear() - 1) as { n: number }
        ).n,
    );
    const ostermalmMember = await sessionCookie(server, onlyMemberOf(ostermalm.id));
    const page = await getPath(server, `/grupper/${ostermalm.id}`, ostermalmMember);
    expect(page.body.split("data-steering-decision=").length - 1).toBe(ownFinal);
    expect((await getPath(server, `/grupper/${groupOf("%Skärholmen%", "beredningsgrupp").id}`, ostermalmMember)).status).toBe(404);
  });
});
