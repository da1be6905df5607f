import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { appendParagraphsOffline, readDocumentText } from "../../db/documents/store";
import * as schema from "../../db/schema";
import { sessionCookie } from "../support/collab-client";
import { getPath, postAction } from "../support/form-posts";
import { readPdf, squash } from "../support/pdf-text";
import { samplePdf } from "../support/sample-files";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 16: "The beredningsgrupp prepares an ärende for the styrgrupp: it appears on the styrgrupp's next
 * agenda as 'beredd av' with its handlingar and proposal." Over HTTP on the demo data (Skärholmen): the
 * beredningsgrupp's chair prepares an ärende with a handling and a beslutsförslag; the styrgrupp's next
 * planned meeting gets the ärende marked "beredd av", a copy of the handling in its own record and the
 * proposal as its decision text. A second press makes no second ärende; a ledamot may not prepare; a
 * styrgrupp member cannot post to the beredningsgrupp's meeting nor fetch the original file.
 */

let server: RunningServer;

function withDb<T>(query: (db: Database.Database) => T, readonly = true): T {
  const db = new Database(server.databasePath, { readonly });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

const one = <T>(sql: string, ...params: unknown[]) => withDb((db) => db.prepare(sql).get(...params) as T);

/** A person of the group with the given role who is in no styrgrupp of the agreement. */
function memberWithRole(groupId: number, roles: string[]) {
  return one<{ email: string }>(
    `select p.email from memberships ms join people p on p.id = ms.person_id where ms.group_id = ? and ms.role in (${roles.map(() => "?").join(",")})
     and p.id not in (select m2.person_id from memberships m2 join groups g2 on g2.id = m2.group_id where g2.kind = 'styrgrupp')
     order by p.id limit 1`,
    groupId,
    ...roles,
  ).email;
}

const PROPOSAL = "Styrgruppen föreslås ge beredningsgruppen i uppdrag att ta fram en plan för kvällsvandringar.";
const TITLE = "Plan för kvällsvandringar i centrum";
let beredning: { id: number };
let steering: { id: number };
let sourceMeetingId: number;
let sourceItemId: number;
let chair: string;
let sourceFileId: number;

beforeAll(async () => {
  server = await startServer();
  beredning = one("select id from groups where name = 'Lokal beredningsgrupp Skärholmen'");
  steering = one("select id from groups where name = 'Lokal styrgrupp Skärholmen'");
  sourceMeetingId = one<{ id: number }>("select id from meetings where group_id = ? and locked_at is null order by starts_at limit 1", beredning.id).id;
  chair = await sessionCookie(server, memberWithRole(beredning.id, ["ordforande", "sekreterare"]));
  // The styrgrupp has a meeting planned after today for the ärende to go to.
  const steeringChair = await sessionCookie(server, "sdd.skarholmen@example.se");
  const nextYear = new Date().getFullYear() + 1;
  const created = await fetch(`${server.url}/grupper/${steering.id}`, {
    method: "POST",
    body: new URLSearchParams({
      title: "Styrgruppsmöte",
      date: `${nextYear}-02-10`,
      startTime: "09:00",
      endTime: "11:00",
      location: "Stadsdelshuset",
      videoLink: "",
    }),
    headers: { Cookie: steeringChair, Origin: server.url },
    redirect: "manual",
  });
  expect(created.status).toBe(302);

  const added = await postAction(server, `/moten/${sourceMeetingId}`, chair, { intent: "add-item", title: TITLE, kind: "beslut", presenterId: "" });
  expect(added.status).toBe(200);
  sourceItemId = one<{ id: number }>("select id from agenda_items where meeting_id = ? and title = ?", sourceMeetingId, TITLE).id;
  const form = new FormData();
  form.set("owner", `arende-${sourceItemId}`);
  form.set("title", "Underlag");
  form.set("file", new File([new Uint8Array(samplePdf())], "Underlag kvällsvandringar.pdf", { type: "application/pdf" }));
  const uploaded = await fetch(`${server.url}/moten/${sourceMeetingId}/handlingar.data`, {
    method: "POST",
    body: form,
    headers: { Cookie: chair, Origin: server.url },
  });
  expect(uploaded.status).toBe(200);
  sourceFileId = one<{ id: number }>("select id from stored_files where agenda_item_id = ?", sourceItemId).id;
  // The beslutsförslag, written while no one has the document open.
  withDb((raw) => {
    const db = drizzle(raw, { schema }) as never;
    appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: sourceItemId }, { groupId: beredning.id, meetingId: sourceMeetingId }, [PROPOSAL]);
  }, false);
});
afterAll(async () => {
  await server?.stop();
});

describe("preparing an ärende for the styrgrupp", () => {
  it("is refused to a ledamot of the beredningsgrupp and to a styrgrupp member, with nothing made", async () => {
    const ledamotEmail = one<{ email: string }>(
      "select p.email from memberships ms join people p on p.id = ms.person_id where ms.group_id = ? and ms.role = 'ledamot' order by p.id limit 1",
      beredning.id,
    ).email;
    const ledamot = await sessionCookie(server, ledamotEmail);
    const refused = await postAction(server, `/moten/${sourceMeetingId}`, ledamot, { intent: "prepare-item", itemId: String(sourceItemId) });
    expect(refused.body).toContain("Endast beredningsgruppens ordförande och sekreterare");
    const steeringMember = await sessionCookie(server, "lpo.skarholmen@example.se");
    expect((await postAction(server, `/moten/${sourceMeetingId}`, steeringMember, { intent: "prepare-item", itemId: String(sourceItemId) })).status).toBe(404);
    expect(one<{ n: number }>("select count(*) as n from agenda_items where prepared_from_item_id = ?", sourceItemId).n).toBe(0);
  });

  it("puts it on the styrgrupp's next meeting as beredd av, with a copy of its handling and its proposal, once", async () => {
    const answer = await postAction(server, `/moten/${sourceMeetingId}`, chair, { intent: "prepare-item", itemId: String(sourceItemId) });
    expect(answer.body).toContain("Ärendet är berett till Lokal styrgrupp Skärholmen");
    const again = await postAction(server, `/moten/${sourceMeetingId}`, chair, { intent: "prepare-item", itemId: String(sourceItemId) });
    expect(again.body).toContain("redan berett");
    const prepared = withDb(
      (db) =>
        db
          .prepare(
            "select a.id, a.meeting_id as meetingId, a.title, a.kind from agenda_items a join meetings m on m.id = a.meeting_id where a.prepared_from_item_id = ? and m.group_id = ?",
          )
          .all(sourceItemId, steering.id) as { id: number; meetingId: number; title: string; kind: string }[],
    );
    expect(prepared).toHaveLength(1);
    expect(prepared[0]).toMatchObject({ title: TITLE, kind: "beslut" });
    // The next planned meeting of the styrgrupp, not a later one.
    const next = one<{ id: number }>(
      "select id from meetings where group_id = ? and status = 'planerat' and starts_at > ? order by starts_at limit 1",
      steering.id,
      new Date().toISOString(),
    );
    expect(prepared[0].meetingId).toBe(next.id);

    const copy = one<{ id: number; sha256: string; storageKey: string }>(
      "select id, sha256, storage_key as storageKey from stored_files where agenda_item_id = ?",
      prepared[0].id,
    );
    const original = one<{ sha256: string; storageKey: string }>("select sha256, storage_key as storageKey from stored_files where id = ?", sourceFileId);
    expect(copy.sha256).toBe(original.sha256);
    expect(copy.storageKey).not.toBe(original.storageKey);
    const proposal = withDb((raw) => readDocumentText(drizzle(raw, { schema }) as never, `item-${prepared[0].id}-decision`));
    expect(proposal).toContain(PROPOSAL);

    const steeringChair = await sessionCookie(server, "sdd.skarholmen@example.se");
    const page = await getPath(server, `/moten/${prepared[0].meetingId}`, steeringChair);
    expect(page.body).toContain('data-prepared-by="Lokal beredningsgrupp Skärholmen"');
    expect(page.body).toContain("Underlag kvällsvandringar.pdf");
    // The styrgrupp reads its own copy; the beredningsgrupp's original stays the beredningsgrupp's.
    const steeringOnly = await sessionCookie(server, "lpo.skarholmen@example.se");
    expect((await getPath(server, `/filer/${copy.id}`, steeringOnly)).status).toBe(200);
    expect((await getPath(server, `/filer/${sourceFileId}`, steeringOnly)).status).toBe(404);
    // The beredningsgrupp's page says where it went.
    expect((await getPath(server, `/moten/${sourceMeetingId}`, chair)).body).toContain("data-prepared-to");

    // The kallelse names the beredning, and so does the § in the protocol once the ärende is dealt with.
    const pdfText = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: { Cookie: steeringChair } });
      expect(response.status).toBe(200);
      return squash((await readPdf(new Uint8Array(await response.arrayBuffer()))).text);
    };
    expect(await pdfText(`/moten/${prepared[0].meetingId}/kallelse.pdf`)).toContain(`${TITLE} (beredd av Lokal beredningsgrupp Skärholmen)`);
    const steps: Record<string, string>[] = [
      { intent: "status", to: "pagar", confirm: "ja" },
      { intent: "deal-with-item", itemId: String(prepared[0].id), outcome: "behandlat" },
    ];
    for (const fields of steps) expect((await postAction(server, `/moten/${prepared[0].meetingId}`, steeringChair, fields)).status).toBe(200);
    expect(await pdfText(`/moten/${prepared[0].meetingId}/protokoll.pdf`)).toContain("Ärendet har beretts av Lokal beredningsgrupp Skärholmen.");
  });
});
