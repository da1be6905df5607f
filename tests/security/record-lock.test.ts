/**
 * Issue 10, findings 5 and 6, replayed over real HTTP with stock y-websocket
 * clients: a justering binds to the exact record approved (an edit after an
 * approval voids it, and the lock waits until every approval is of the current
 * version), and once justerad nothing in the meeting's record changes through
 * any of the meeting page's verbs.
 */
import Database from "better-sqlite3";
import * as Y from "yjs";
import { closeDatabase, openDatabase } from "../../db/client";
import { DocumentStore } from "../../db/documents/store";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync, type Client } from "../support/collab-client";
import { openEventStream } from "../support/event-stream";

const CHAIR = "sdd.skarholmen@example.se";
// The police's co-chair, who does not lead the meeting, is its justerare.
const JUSTERARE = "lpo.skarholmen@example.se";
const SECRETARY = "linnea.holmberg@example.se";
const LOCKED = "Protokollet är justerat och låst. Ändringar görs som dagsförda tillägg.";
/** The "Justera § N omedelbart" button, as React renders it (text parts separated by comments). */
const OFFERS_IMMEDIATE_APPROVAL = /Justera (<!-- -->)?§ \d+\/\d{4}(<!-- -->)? omedelbart/;

let server: RunningServer;
let meetingId: number;
let chair: string;
let justerare: string;
let secretary: string;
let justerareId: number;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startServer();
  ({ meetingId } = styrgruppMinutes(server));
  [chair, justerare, secretary] = await Promise.all([sessionCookie(server, CHAIR), sessionCookie(server, JUSTERARE), sessionCookie(server, SECRETARY)]);
  justerareId = query<{ id: number }>("select id from people where email = ?", JUSTERARE)[0].id;
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * A form post to the meeting page's action, as the page's forms send it
 * without JavaScript; the page that comes back shows the result's message.
 */
async function post(cookie: string, fields: Record<string, string | string[]>): Promise<string> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  const response = await fetch(`${server.url}/moten/${meetingId}`, { method: "POST", body, headers: { Origin: server.url, Cookie: cookie } });
  const html = await response.text();
  expect(response.status, html.slice(0, 300)).toBe(200);
  return html;
}

async function expectMessage(result: Promise<string>, message: string): Promise<void> {
  expect(await result).toContain(message);
}

async function page(cookie: string, path = `/moten/${meetingId}`): Promise<string> {
  const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

const lockState = () => query<{ status: string; lockedAt: string | null }>("select status, locked_at as lockedAt from meetings where id = ?", meetingId)[0];

/** Types into a live document with the stock client and waits until another client was sent it (so it is stored). */
async function typeInto(documentName: string, text: string): Promise<void> {
  const writer = connectClient(server, documentName, chair);
  const witness = connectClient(server, documentName, justerare);
  clients.push(writer, witness);
  await Promise.all([waitForSync(writer), waitForSync(witness)]);
  appendParagraph(writer.doc, text);
  await waitFor(() => witness.text().includes(text), 10_000, `"${text}" relayed`);
  writer.destroy();
  witness.destroy();
}

let itemId: number;
let decisionId: number;
let guestId: number;

describe("justering binds to the version approved", () => {
  it("runs the meeting: attendance, a guest, a § with its text, minutes, a comment that is audited", async () => {
    await expectMessage(post(chair, { intent: "status", to: "pagar", confirm: "ja" }), "Mötet har startat.");
    await expectMessage(
      post(chair, { intent: "member-attendance", personId: String(justerareId), status: "narvarande", arrivedAt: "", leftAt: "" }),
      "Närvaron är sparad.",
    );
    await expectMessage(
      post(chair, { intent: "add-guest", name: "Gäst Gästsson", organisation: "Bostadsbolaget", functionName: "" }),
      "Gäst Gästsson är tillagd som adjungerad.",
    );
    guestId = query<{ id: number }>("select id from attendance where meeting_id = ? and guest_name = 'Gäst Gästsson'", meetingId)[0].id;
    await expectMessage(post(chair, { intent: "add-item", title: "Trygghetsvandring i centrum", kind: "beslut", presenterId: "" }), "är tillagt.");
    itemId = query<{ id: number }>("select id from agenda_items where meeting_id = ? and title = 'Trygghetsvandring i centrum'", meetingId)[0].id;
    await typeInto(`item-${itemId}-decision`, "Styrgruppen beslutar att genomföra en trygghetsvandring.");
    await expectMessage(post(chair, { intent: "adopt", agendaItemId: String(itemId), kind: "ovrigt", correctsId: "" }), "Beslutet är fattat som §");
    decisionId = query<{ id: number }>("select id from decisions where agenda_item_id = ?", itemId)[0].id;
    await typeInto(`meeting-${meetingId}-minutes`, "Mötet öppnades av ordföranden.");
    await expectMessage(post(chair, { intent: "status", to: "avslutat", confirm: "ja" }), "Mötet är avslutat.");
    await expectMessage(post(chair, { intent: "justerare", justerare: String(justerareId) }), "Justerare är valda.");

    await expectMessage(post(justerare, { intent: "comment", comment: "Stavfel i andra stycket." }), "Kommentaren är sparad.");
    const comments = query<{ actorId: number; payload: string }>(
      "select actor_id as actorId, payload from audit_log where action = 'minutes.comment' and subject = ?",
      `meeting:${meetingId}`,
    );
    expect(comments).toHaveLength(1);
    expect(comments[0].actorId).toBe(justerareId);
    expect(JSON.parse(comments[0].payload)).toMatchObject({ capacity: "justerare", comment: "Stavfel i andra stycket." });
  });

  it("an edit after the justerare approved voids that approval: the chair's approval does not lock, the justerare is told and gets the task back", async () => {
    await expectMessage(post(justerare, { intent: "approve-minutes", confirm: "ja" }), "Ditt godkännande är registrerat.");
    expect(await page(justerare)).not.toContain("ska justera igen");
    expect(await page(justerare, "/")).not.toContain(`/moten/${meetingId}#justering`);

    // Someone changes the minutes after the justerare read and approved them; the justerare's open page is told.
    const events = await openEventStream(server, meetingId, justerare);
    try {
      await typeInto(`meeting-${meetingId}-minutes`, "Tillagt efter justerarens justering.");
      await waitFor(() => events.received().includes("event: changed"), 5_000, "the open meeting page told to reload");
    } finally {
      events.close();
    }

    const meetingPage = await page(justerare);
    expect(meetingPage).toContain("Protokollet har ändrats sedan du justerade det.");
    expect(meetingPage).toContain("Justera protokollet igen");
    // Open minutes: the justerare may still approve the § on its own.
    expect(meetingPage).toMatch(OFFERS_IMMEDIATE_APPROVAL);
    expect(meetingPage).toContain("men protokollet har ändrats sedan dess – ska justera igen");
    const home = await page(justerare, "/");
    expect(home).toContain(`/moten/${meetingId}#justering`);
    expect(home).toContain("protokollet har ändrats sedan du justerade, justera igen");

    // The chair approves the current text: the justerare has not approved it, so the minutes stay open.
    await expectMessage(
      post(chair, { intent: "approve-minutes", confirm: "ja" }),
      "Ditt godkännande är registrerat. Protokollet har ändrats sedan Johan Bergström justerade, så det låses först när hen har justerat igen.",
    );
    expect(lockState()).toEqual({ status: "avslutat", lockedAt: null });
    const approvals = query<{ payload: string }>(
      "select payload from audit_log where action = 'minutes.approved' and subject = ? order by id",
      `meeting:${meetingId}`,
    ).map((row) => JSON.parse(row.payload));
    expect(approvals).toHaveLength(2);
    expect(approvals[1].contentSha256).not.toBe(approvals[0].contentSha256);
    expect(approvals[1].voided).toEqual([justerareId]);
  });

  it("locks only once every approval is of the same, current version, and records that version", async () => {
    // The sekreterare signs too.
    await expectMessage(post(secretary, { intent: "approve-minutes", confirm: "ja" }), "Ditt godkännande är registrerat. Protokollet har ändrats sedan");
    expect(lockState().status).toBe("avslutat");
    await expectMessage(post(justerare, { intent: "approve-minutes", confirm: "ja" }), "Protokollet är justerat och låst.");
    expect(lockState().status).toBe("justerat");
    const rows = query<{ sha: string; vectors: string }>(
      "select approved_content_sha256 as sha, approved_state_vectors as vectors from minutes_approvers where meeting_id = ?",
      meetingId,
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.sha)).size).toBe(1);
    expect(rows[0].sha).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(JSON.parse(rows[0].vectors))).toEqual(expect.arrayContaining([`meeting-${meetingId}-minutes`, `item-${itemId}-decision`]));
    const locked = query<{ payload: string }>("select payload from audit_log where action = 'minutes.locked' and subject = ?", `meeting:${meetingId}`);
    expect(JSON.parse(locked[0].payload).contentSha256).toBe(rows[0].sha);
    expect(await page(justerare)).not.toContain("ska justera igen");
  });
});

describe("a justerad meeting's record is immutable through every verb", () => {
  const refusedWithLock = (cookie: string, fields: Record<string, string>) => expectMessage(post(cookie, fields), LOCKED);
  const auditCount = () => query<{ n: number }>("select count(*) as n from audit_log")[0].n;

  it("refuses attendance, guests, omedelbar justering of a § and comments, and changes nothing", async () => {
    const attendanceBefore = query("select * from attendance where meeting_id = ? order by id", meetingId);
    const approversBefore = query("select * from minutes_approvers where meeting_id = ? order by id", meetingId);
    const auditBefore = auditCount();

    await refusedWithLock(chair, { intent: "member-attendance", personId: String(justerareId), status: "franvarande", arrivedAt: "", leftAt: "" });
    await refusedWithLock(chair, { intent: "add-guest", name: "Inskjuten Gäst", organisation: "", functionName: "" });
    await refusedWithLock(chair, { intent: "guest-attendance", attendanceId: String(guestId), status: "franvarande", arrivedAt: "", leftAt: "" });
    // Omedelbar justering of a § is not offered on the justerad meeting's page, and refused when posted anyway.
    expect(await page(justerare)).not.toMatch(OFFERS_IMMEDIATE_APPROVAL);
    await refusedWithLock(justerare, { intent: "approve-paragraph", decisionId: String(decisionId) });
    await refusedWithLock(justerare, { intent: "comment", comment: "Ändrad kommentar i efterhand." });

    expect(query("select * from attendance where meeting_id = ? order by id", meetingId)).toEqual(attendanceBefore);
    expect(query("select * from minutes_approvers where meeting_id = ? order by id", meetingId)).toEqual(approversBefore);
    expect(query("select count(*) as n from decision_approvals where decision_id = ?", decisionId)).toEqual([{ n: 0 }]);
    expect(auditCount()).toBe(auditBefore);
  });

  it("stores no update for a locked document, even one that reached the server just before the lock (its writer refuses it)", async () => {
    const name = `meeting-${meetingId}-minutes`;
    const late = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Insmugglat efter låsningen.")]);
    late.getXmlFragment("default").insert(0, [paragraph]);
    const { db } = openDatabase(server.databasePath);
    try {
      const logBefore = query("select id from document_updates where document_name = ?", name);
      expect(() => new DocumentStore(db).write([{ kind: "update", name, update: Y.encodeStateAsUpdate(late), personId: null }])).toThrow(/locked/);
      expect(query("select id from document_updates where document_name = ?", name)).toEqual(logBefore);
    } finally {
      closeDatabase();
      late.destroy();
    }
  });

  it("stores no snapshot of a locked document either: a copy holding an edit the lock refused cannot replace the stored record", async () => {
    const name = `meeting-${meetingId}-minutes`;
    const stored = () =>
      query<{ snapshot: Buffer | null; plain_text: string; updated_at: string }>("select snapshot, plain_text, updated_at from documents where name = ?", name);
    const log = () => query<{ id: number }>("select id from document_updates where document_name = ?", name);
    const { db } = openDatabase(server.databasePath);
    try {
      const store = new DocumentStore(db);
      const [before, logBefore] = [stored(), log()];
      // The server's copy of the minutes, with an edit that reached it but was refused on its way to the log.
      const copy = store.loadStored(name)!;
      appendParagraph(copy.doc, "Insmugglat i serverns kopia.");
      store.compact(name, copy.doc);
      copy.doc.destroy();
      expect(stored()).toEqual(before);
      expect(log()).toEqual(logBefore);
      const reloaded = store.loadStored(name)!;
      expect(reloaded.doc.getXmlFragment("default").toString()).not.toContain("Insmugglat");
      reloaded.doc.destroy();
      // Nor is it folded at the server's start, however long its log.
      expect(store.namesWithLongLogs(1)).not.toContain(name);
    } finally {
      closeDatabase();
    }
  });
});
