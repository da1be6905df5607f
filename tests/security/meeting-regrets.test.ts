/**
 * Issue 11, "running a meeting without regrets", over real HTTP as the page's
 * forms post without JavaScript: an ärende gets one decision, the steps that
 * cannot simply be undone are taken only when confirmed, and a chair can
 * reopen an ended meeting until someone has approved the minutes.
 */
import Database from "better-sqlite3";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

const CHAIR = "sdd.skarholmen@example.se";
const JUSTERARE = "karl.ljung@example.se";

let server: RunningServer;
let chair: string;
let justerare: string;
let justerareId: number;
let meetingId: number;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A form post to the meeting page as a page without JavaScript sends it; the status and the page that comes back. */
async function post(cookie: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const response = await fetch(`${server.url}/moten/${meetingId}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: cookie },
  });
  return { status: response.status, html: await response.text() };
}

async function page(cookie: string): Promise<string> {
  const response = await fetch(`${server.url}/moten/${meetingId}`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

const status = () => query<{ status: string }>("select status from meetings where id = ?", meetingId)[0].status;
const audit = (action: string) =>
  query<{ actorId: number; payload: string }>(
    "select actor_id as actorId, payload from audit_log where action = ? and subject = ?",
    action,
    `meeting:${meetingId}`,
  );

/** A new meeting of the styrgrupp, made as the chair makes one on the group page. */
async function newMeeting(groupId: number): Promise<number> {
  const response = await fetch(`${server.url}/grupper/${groupId}`, {
    method: "POST",
    body: new URLSearchParams({
      title: "Extra styrgruppsmöte",
      date: "2026-12-09",
      startTime: "09:00",
      endTime: "10:00",
      location: "Bredängen",
      videoLink: "",
    }),
    headers: { Origin: server.url, Cookie: chair },
    redirect: "manual",
  });
  const location = response.headers.get("location") ?? "";
  expect(location, await response.text()).toMatch(/^\/moten\/\d+$/);
  return Number(location.split("/").pop());
}

beforeAll(async () => {
  server = await startServer();
  [chair, justerare] = await Promise.all([sessionCookie(server, CHAIR), sessionCookie(server, JUSTERARE)]);
  justerareId = query<{ id: number }>("select id from people where email = ?", JUSTERARE)[0].id;
  meetingId = await newMeeting(styrgruppMinutes(server).groupId);
});
afterAll(async () => {
  await server?.stop();
});

describe("one decision per ärende", () => {
  it("refuses a second adoption of the same ärende, and the page then shows the adopted text in place of the proposal and its form", async () => {
    expect((await post(chair, { intent: "add-item", title: "Trygghetsvandring i Vårberg", kind: "beslut", presenterId: "" })).status).toBe(200);
    const itemId = query<{ id: number }>("select id from agenda_items where meeting_id = ? and title = 'Trygghetsvandring i Vårberg'", meetingId)[0].id;
    const writer = connectClient(server, `item-${itemId}-decision`, chair);
    const witness = connectClient(server, `item-${itemId}-decision`, justerare);
    try {
      await Promise.all([waitForSync(writer), waitForSync(witness)]);
      appendParagraph(writer.doc, "Styrgruppen beslutar att genomföra en trygghetsvandring i Vårberg.");
      await waitFor(() => witness.text().includes("trygghetsvandring i Vårberg"), 10_000, "the decision text stored");
    } finally {
      writer.destroy();
      witness.destroy();
    }
    expect((await post(chair, { intent: "status", to: "pagar", confirm: "ja" })).html).toContain("Mötet har startat.");
    expect(await page(chair)).toContain(`data-collab-doc="item-${itemId}-decision"`);

    // An editor still open on the proposal when it is adopted (a crafted client keeps it past the page's reload).
    const open = connectClient(server, `item-${itemId}-decision`, justerare);
    await waitForSync(open);
    const adopt = { intent: "adopt", agendaItemId: String(itemId), kind: "ovrigt", correctsId: "" };
    const first = await post(chair, adopt);
    expect(first.html).toMatch(/Beslutet är fattat som § \d+\/\d{4}\./);
    try {
      appendParagraph(open.doc, "Ändrat i ett öppet förslag efter beslutet.");
      await waitFor(() => open.closeEvents.some((event) => event.code === 4423), 10_000, "the open proposal editor closed as locked");
    } finally {
      open.destroy();
    }
    const second = await post(chair, adopt);
    expect(second.status).toBe(200);
    expect(second.html).toMatch(/Ärendet har redan ett beslut, § \d+\/\d{4}\. Ett ärende får ett beslut; en rättelse fattas som ett eget ärende\./);
    // Naming an earlier § as corrected does not open the door either: a rättelse is its own ärende.
    const earlier = query<{ id: number }>(
      "select id from decisions where group_id = (select group_id from meetings where id = ?) and agenda_item_id != ? limit 1",
      meetingId,
      itemId,
    )[0];
    expect(earlier, "the demo data's earlier §§ of the group").toBeDefined();
    expect((await post(chair, { ...adopt, correctsId: String(earlier.id) })).html).toContain("Ärendet har redan ett beslut");
    expect(query("select id from decisions where agenda_item_id = ?", itemId)).toHaveLength(1);

    // The proposal is read-only now: an edit from a connection opened after the adoption is not stored.
    const late = connectClient(server, `item-${itemId}-decision`, chair);
    try {
      await waitForSync(late);
      appendParagraph(late.doc, "Ändrat förslag efter beslutet.");
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      late.destroy();
    }
    const reader = connectClient(server, `item-${itemId}-decision`, justerare);
    try {
      await waitForSync(reader);
      expect(reader.text()).not.toContain("Ändrat förslag efter beslutet.");
      expect(reader.text()).not.toContain("Ändrat i ett öppet förslag efter beslutet.");
    } finally {
      reader.destroy();
    }

    const after = await page(chair);
    expect(after).not.toContain(`data-collab-doc="item-${itemId}-decision"`);
    // Only this ärende: the standard agenda's own beslut items (val av justerare …) still offer theirs.
    const adopted = after.slice(after.indexOf('data-agenda-item="Trygghetsvandring i Vårberg"')).split("data-agenda-item=")[1];
    expect(adopted).not.toContain("Fatta beslut<");
    expect(adopted).toContain("Styrgruppen beslutar att genomföra en trygghetsvandring i Vårberg.");
  });
});

describe("steps that cannot simply be undone are confirmed first", () => {
  it("does not end the meeting without the confirmation, asks the question instead, and ends it with the confirmation", async () => {
    const asked = await post(chair, { intent: "status", to: "avslutat" });
    expect(asked.status).toBe(200);
    expect(status()).toBe("pagar");
    expect(asked.html).toContain("Avsluta mötet?");
    expect(asked.html).toContain("Ärenden utan § får sina nu, och bordlagda ärenden förs till nästa möte. Därefter kan inga fler beslut fattas");
    expect(asked.html).toContain("Ja, avsluta mötet");
    expect(audit("meeting.status").map((e) => JSON.parse(e.payload).to)).toEqual(["pagar"]);

    expect((await post(chair, { intent: "justerare", justerare: String(justerareId) })).html).toContain("Justerare är valda.");
    expect((await post(chair, { intent: "status", to: "avslutat", confirm: "ja" })).html).toContain("Mötet är avslutat.");
    expect(status()).toBe("avslutat");
  });

  it("reopens the ended meeting for the chair, audited, and not for a member", async () => {
    expect(await page(justerare)).not.toContain("Återöppna mötet");
    expect((await post(justerare, { intent: "reopen" })).status).toBe(403);
    expect(status()).toBe("avslutat");
    expect(await page(chair)).toContain("Återöppna mötet");

    expect((await post(chair, { intent: "reopen" })).html).toContain("Mötet är återöppnat och pågår igen.");
    expect(status()).toBe("pagar");
    const reopened = audit("meeting.reopened");
    expect(reopened).toHaveLength(1);
    expect(reopened[0].actorId).not.toBeNull();
    expect(JSON.parse(reopened[0].payload)).toMatchObject({ from: "avslutat", to: "pagar" });
    expect((await post(chair, { intent: "reopen" })).html).toContain("Bara ett avslutat möte kan återöppnas.");
    expect((await post(chair, { intent: "status", to: "avslutat", confirm: "ja" })).html).toContain("Mötet är avslutat.");
  });

  it("does not record a justering without the confirmation, says what the approval does, and once someone approved the meeting cannot be reopened", async () => {
    const asked = await post(justerare, { intent: "approve-minutes" });
    expect(asked.html).toContain("Justera protokollet?");
    expect(asked.html).toContain("När alla har justerat låses protokollet och kan inte ändras.");
    expect(query("select approved_at from minutes_approvers where meeting_id = ? and approved_at is not null", meetingId)).toEqual([]);

    expect((await post(justerare, { intent: "approve-minutes", confirm: "ja" })).html).toContain("Ditt godkännande är registrerat.");
    expect(await page(chair)).not.toContain("Återöppna mötet");
    expect((await post(chair, { intent: "reopen" })).html).toContain("Mötet kan inte återöppnas: protokollet har redan justerats av någon.");
    expect(status()).toBe("avslutat");

    // The sekreterare signs too; then the chair is the last to approve: the question says the minutes lock now.
    const secretary = await sessionCookie(server, "linnea.holmberg@example.se");
    expect((await post(secretary, { intent: "approve-minutes", confirm: "ja" })).html).toContain("Ditt godkännande är registrerat.");
    expect((await post(chair, { intent: "approve-minutes" })).html).toContain("Du är den sista som justerar. Protokollet låses nu och kan inte ändras");
    expect(status()).toBe("avslutat");
    expect((await post(chair, { intent: "approve-minutes", confirm: "ja" })).html).toContain("Protokollet är justerat och låst");
    expect((await post(chair, { intent: "reopen" })).html).toContain("Protokollet är justerat och låst. Ändringar görs som dagsförda tillägg.");
    expect(status()).toBe("justerat");
  });
});
