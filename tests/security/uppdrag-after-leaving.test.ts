import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { getPath, postAction, postForm } from "../support/form-posts";
import { postAdminPersonChange, styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

/**
 * Finding 13: someone removed from a group kept seeing that group's uppdrag on
 * "Mina uppdrag" and could still change their status. Replayed over HTTP: the
 * chair gives the ledamot an uppdrag, an administrator removes the ledamot from
 * the group, and the former member tries every way back to it.
 */

const TITLE = "Inventera kamerabevakningen vid Skärholmstorget";
const NO_SUCH_ITEM = "999999";

let server: RunningServer;
let fixture: ReturnType<typeof styrgruppMinutes>;
let chair: string;
let member: string;
let admin: string;
let itemId: string;

function readDb<T>(query: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

const statusOf = (id: string) => readDb((db) => (db.prepare("select status from action_items where id = ?").get(id) as { status: string }).status);

beforeAll(async () => {
  server = await startServer();
  fixture = styrgruppMinutes(server);
  [chair, member, admin] = await Promise.all(
    ["sdd.skarholmen@example.se", "lpo.skarholmen@example.se", "admin@example.se"].map((email) => sessionCookie(server, email)),
  );
  const created = await postAction(server, `/moten/${fixture.meetingId}`, chair, {
    intent: "add-action",
    title: TITLE,
    ownerId: String(fixture.membership.personId),
    dueOn: "2027-02-01",
    agendaItemId: "",
  });
  expect(created.status).toBe(200);
  // The member is also the meeting's justerare, and the meeting has ended: "Att justera" on their home page.
  const endMeeting: Record<string, string>[] = [
    { intent: "justerare", justerare: String(fixture.membership.personId) },
    { intent: "status", to: "pagar", confirm: "ja" },
    { intent: "status", to: "avslutat", confirm: "ja" },
  ];
  for (const fields of endMeeting) {
    expect((await postAction(server, `/moten/${fixture.meetingId}`, chair, fields)).status).toBe(200);
  }
  itemId = readDb((db) => String((db.prepare("select id from action_items where title = ?").get(TITLE) as { id: number }).id));
});
afterAll(async () => {
  await server?.stop();
});

describe("an uppdrag of a group its owner has left", () => {
  it("is on the owner's Mina uppdrag while they are a member, and the owner may change it", async () => {
    expect((await getPath(server, "/uppdrag", member)).body).toContain(`data-action-item="${TITLE}"`);
    expect((await getPath(server, "/", member)).body).toContain(`href="/moten/${fixture.meetingId}#justering"`);
    expect((await postAction(server, "/uppdrag", member, { actionItemId: itemId, status: "pagar" })).status).toBe(200);
    expect(statusOf(itemId)).toBe("pagar");
  });

  it("is gone from Mina uppdrag once an administrator removes them from the group, and nothing of the group is shown there or under Att justera", async () => {
    const removed = await postAdminPersonChange(server, admin, fixture.membership.personId, {
      intent: "remove-membership",
      membershipId: String(fixture.membership.id),
    });
    expect(removed.status).toBe(200);
    const page = await getPath(server, "/uppdrag", member);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(TITLE);
    expect(page.body).not.toContain("Lokal styrgrupp Skärholmen");
    // Nor is the group's meeting still waiting for them under "Att justera".
    expect((await getPath(server, "/", member)).body).not.toContain(`/moten/${fixture.meetingId}`);
  });

  it("cannot be changed from Mina uppdrag: a crafted post is answered exactly like one for an uppdrag that does not exist", async () => {
    const theirs = await postAction(server, "/uppdrag", member, { actionItemId: itemId, status: "klar" });
    const missing = await postAction(server, "/uppdrag", member, { actionItemId: NO_SUCH_ITEM, status: "klar" });
    expect(theirs.status).toBe(404);
    expect(theirs).toEqual(missing);
    expect(theirs.body).toContain("finns inte, eller så har du inte behörighet");
    // Without JavaScript: the page says so, with the same status.
    const page = await postForm(server, "/uppdrag", member, { actionItemId: itemId, status: "klar" });
    expect(page.status).toBe(404);
    expect(page.body).toContain("finns inte, eller så har du inte behörighet");
    expect(statusOf(itemId)).toBe("pagar");
  });

  it("cannot be changed from the meeting page it was given at, nor from a meeting of another group they are still in", async () => {
    const oldMeeting = await postForm(server, `/moten/${fixture.meetingId}`, member, { intent: "action-status", actionItemId: itemId, status: "klar" });
    expect(oldMeeting.status).toBe(404);

    // Still a member elsewhere: that meeting page is theirs, but the uppdrag is not.
    const other = readDb(
      (db) =>
        db
          .prepare(
            "select g.id as groupId, m.id as meetingId from groups g join meetings m on m.group_id = g.id where g.name = 'Lokal beredningsgrupp Skärholmen' and m.locked_at is null limit 1",
          )
          .get() as { groupId: number; meetingId: number },
    );
    const added = await postAdminPersonChange(server, admin, fixture.membership.personId, {
      intent: "add-membership",
      groupId: String(other.groupId),
      role: "ledamot",
    });
    expect(added.status).toBe(200);
    const theirs = await postAction(server, `/moten/${other.meetingId}`, member, { intent: "action-status", actionItemId: itemId, status: "klar" });
    const missing = await postAction(server, `/moten/${other.meetingId}`, member, { intent: "action-status", actionItemId: NO_SUCH_ITEM, status: "klar" });
    expect(theirs.status).toBe(404);
    expect(theirs).toEqual(missing);
    expect(statusOf(itemId)).toBe("pagar");
    // Nor is it on that meeting's page, nor on Mina uppdrag now that they are in one Skärholmen group again.
    expect((await getPath(server, `/moten/${other.meetingId}`, member)).body).not.toContain(TITLE);
    expect((await getPath(server, "/uppdrag", member)).body).not.toContain(TITLE);
  });

  it("stays the group's: the chair still sees it in the next meeting's follow-up and may mark it done", async () => {
    const created = await postForm(server, `/grupper/${fixture.groupId}`, chair, { title: "Extra styrgruppsmöte", date: "2027-01-20", startTime: "13:00" });
    expect(created.status).toBe(302);
    const next = readDb((db) => (db.prepare("select id from meetings where title = 'Extra styrgruppsmöte'").get() as { id: number }).id);
    expect((await getPath(server, `/moten/${next}`, chair)).body).toContain(`data-follow-up="${TITLE}"`);
    expect((await postAction(server, `/moten/${next}`, chair, { intent: "action-status", actionItemId: itemId, status: "klar" })).status).toBe(200);
    expect(statusOf(itemId)).toBe("klar");
  });
});
