import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { getPath, postAction, postForm, type Answer } from "../support/form-posts";
import { startServer, type RunningServer } from "../support/server";

/**
 * Finding 15: "does not exist" and "not yours to see" must get one answer
 * (README decision 3), or an outsider can enumerate which ids exist in other
 * districts. Each probe is made twice by the chair of Lokal styrgrupp
 * Skärholmen, who may run their own meeting: once with an id from Östermalm
 * and once with an id that does not exist. Status and body must be identical.
 */

const MISSING = 999_999;
const MESSAGE = "finns inte, eller så har du inte behörighet";

let server: RunningServer;
let chair: string;
/** The chair's own open meeting, and ids of things in Östermalm's styrgrupp. */
let own: { meetingId: number; groupId: number };
let foreign: {
  meetingId: number;
  groupId: number;
  agendaItemId: number;
  decisionId: number;
  decisionMeetingId: number;
  actionItemId: number;
  personId: number;
  attendanceId: number;
  agreementSlug: string;
};

beforeAll(async () => {
  server = await startServer();
  const db = new Database(server.databasePath, { readonly: true });
  try {
    const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
    own = one(
      "select m.id as meetingId, m.group_id as groupId from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Skärholmen' and m.locked_at is null limit 1",
    );
    const group = one<{ id: number; slug: string }>(
      "select g.id, a.slug from groups g join agreements a on a.id = g.agreement_id where g.name = 'Lokal styrgrupp Östermalm'",
    );
    const decision = one<{ id: number; meetingId: number }>("select id, meeting_id as meetingId from decisions where group_id = ? limit 1", group.id);
    foreign = {
      groupId: group.id,
      agreementSlug: group.slug,
      meetingId: one<{ id: number }>("select id from meetings where group_id = ? and locked_at is null limit 1", group.id).id,
      agendaItemId: one<{ id: number }>("select ai.id from agenda_items ai join meetings m on m.id = ai.meeting_id where m.group_id = ? limit 1", group.id).id,
      decisionId: decision.id,
      decisionMeetingId: decision.meetingId,
      actionItemId: one<{ id: number }>("select id from action_items where group_id = ? limit 1", group.id).id,
      personId: one<{ id: number }>("select person_id as id from memberships where group_id = ? limit 1", group.id).id,
      attendanceId: one<{ id: number }>("select a.id from attendance a join meetings m on m.id = a.meeting_id where m.group_id = ? limit 1", group.id).id,
    };
  } finally {
    db.close();
  }
  chair = await sessionCookie(server, "sdd.skarholmen@example.se");
});
afterAll(async () => {
  await server?.stop();
});

/**
 * The only differences allowed: the per-request CSP nonce, and the probed id
 * where the page echoes what was asked for (a quoted value or in a URL; bare
 * numbers are left alone, they are also the page data's internal indices). An id
 * followed by a letter is the start of something else (the build's hash, "6da17bd5").
 */
function normalised(answer: Answer, ids: number[]): Answer {
  let body = answer.body.replace(/nonce="[^"]*"/g, 'nonce=""');
  for (const id of ids) body = body.replace(new RegExp(`(["=/])${id}(?!\\w)`, "g"), "$1<id>");
  return { status: answer.status, body };
}

async function expectSameAnswer(probe: (id: number) => Promise<Answer>, foreignId: number, label: string): Promise<Answer> {
  const [theirs, missing] = [await probe(foreignId), await probe(MISSING)];
  expect(theirs.status, `${label}: status`).toBe(missing.status);
  expect(normalised(theirs, [foreignId]), label).toEqual(normalised(missing, [MISSING]));
  return theirs;
}

describe("one answer for a missing id and another district's id", () => {
  it("on the meeting page and its resources: page, events, PDF, extract, calendar file, kallelse PDF", async () => {
    for (const path of ["", "/handelser", "/protokoll.pdf", "/kallelse.ics", "/kallelse.pdf"]) {
      const answer = await expectSameAnswer((id) => getPath(server, `/moten/${id}${path}`, chair), foreign.meetingId, `/moten/<id>${path}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toContain(MESSAGE);
    }
    // A § of another district's meeting, asked for through the chair's own meeting or through its own.
    const extract = await expectSameAnswer(
      (id) => getPath(server, `/moten/${own.meetingId}/protokoll.pdf?paragraf=${id}`, chair),
      foreign.decisionId,
      "protokollsutdrag in own meeting",
    );
    expect(extract.status).toBe(404);
    await expectSameAnswer(
      (id) => getPath(server, `/moten/${id}/protokoll.pdf?paragraf=${foreign.decisionId}`, chair),
      foreign.decisionMeetingId,
      "protokollsutdrag",
    );
  });

  it("on group, agreement and lägesbild pages, and the decision register", async () => {
    expect((await expectSameAnswer((id) => getPath(server, `/grupper/${id}`, chair), foreign.groupId, "group page")).status).toBe(404);
    const agreement = await expectSameAnswer(
      (id) => getPath(server, `/overenskommelser/${id === MISSING ? "finns-inte" : foreign.agreementSlug}`, chair),
      foreign.groupId,
      "agreement page",
    );
    expect(agreement.status).toBe(404);
    const lagesbild = await expectSameAnswer(
      (id) => getPath(server, `/overenskommelser/${id === MISSING ? "finns-inte" : foreign.agreementSlug}/lagesbild/2026`, chair),
      foreign.groupId,
      "lägesbild page",
    );
    expect(lagesbild.status).toBe(404);
    // The register filtered on another district's group lists nothing, as for a group that does not exist.
    const register = await expectSameAnswer((id) => getPath(server, `/beslut?groupId=${id}`, chair), foreign.groupId, "register");
    expect(register.body).toContain("0 beslut");
  });

  it("to every meeting page intent posted to another district's meeting", async () => {
    const intents: Record<string, string>[] = [
      { intent: "status", to: "pagar" },
      { intent: "add-item", title: "Intrång", kind: "information" },
      { intent: "member-attendance", personId: String(foreign.personId), status: "narvarande" },
      { intent: "add-guest", name: "Gäst" },
      { intent: "add-action", title: "x", ownerId: String(foreign.personId) },
      { intent: "justerare", justerare: String(foreign.personId) },
      { intent: "comment", comment: "x" },
      { intent: "addendum", addendum: "x" },
      { intent: "approve-minutes" },
      { intent: "approve-minutes", confirm: "ja" },
      { intent: "reopen" },
      { intent: "nonsense" },
    ];
    for (const fields of intents) {
      for (const post of [postAction, postForm]) {
        const answer = await expectSameAnswer((id) => post(server, `/moten/${id}`, chair, fields), foreign.meetingId, `${fields.intent} (${post.name})`);
        expect(answer.status).toBe(404);
      }
    }
  });

  it("to every intent on the chair's own meeting that names another district's agenda item, §, uppdrag or person", async () => {
    const probes: [string, (id: number) => Record<string, string>, number][] = [
      ["move-item", (id) => ({ intent: "move-item", itemId: String(id), direction: "up" }), foreign.agendaItemId],
      ["remove-item", (id) => ({ intent: "remove-item", itemId: String(id) }), foreign.agendaItemId],
      ["deal-with-item", (id) => ({ intent: "deal-with-item", itemId: String(id), outcome: "bordlagt" }), foreign.agendaItemId],
      ["adopt", (id) => ({ intent: "adopt", agendaItemId: String(id), kind: "ovrigt" }), foreign.agendaItemId],
      ["approve-paragraph", (id) => ({ intent: "approve-paragraph", decisionId: String(id) }), foreign.decisionId],
      ["action-status", (id) => ({ intent: "action-status", actionItemId: String(id), status: "klar" }), foreign.actionItemId],
      ["guest-attendance", (id) => ({ intent: "guest-attendance", attendanceId: String(id), status: "franvarande" }), foreign.attendanceId],
      ["add-action agenda item", (id) => ({ intent: "add-action", title: "x", ownerId: String(MISSING), agendaItemId: String(id) }), foreign.agendaItemId],
      ["add-action owner", (id) => ({ intent: "add-action", title: "x", ownerId: String(id) }), foreign.personId],
      ["member-attendance", (id) => ({ intent: "member-attendance", personId: String(id), status: "narvarande" }), foreign.personId],
      ["justerare", (id) => ({ intent: "justerare", justerare: String(id) }), foreign.personId],
      ["add-item presenter", (id) => ({ intent: "add-item", title: "x", kind: "information", presenterId: String(id) }), foreign.personId],
    ];
    for (const [label, fields, foreignId] of probes) {
      await expectSameAnswer((id) => postAction(server, `/moten/${own.meetingId}`, chair, fields(id)), foreignId, label);
    }
    // Where the id is what was refused, the refusal is the one 404 message, shown on the page too.
    for (const [label, fields, foreignId] of probes.slice(0, 7)) {
      const answer = await postAction(server, `/moten/${own.meetingId}`, chair, fields(foreignId));
      expect(answer.status, label).toBe(404);
      expect(answer.body, label).toContain(MESSAGE);
      const page = await postForm(server, `/moten/${own.meetingId}`, chair, fields(foreignId));
      expect(page.status, label).toBe(404);
      expect(page.body, label).toContain(MESSAGE);
    }
  });

  it("to a status change on Mina uppdrag and to calling a meeting of another district's group", async () => {
    const uppdrag = await expectSameAnswer(
      (id) => postAction(server, "/uppdrag", chair, { actionItemId: String(id), status: "klar" }),
      foreign.actionItemId,
      "uppdrag",
    );
    expect(uppdrag.status).toBe(404);
    const meeting = { title: "Intrång", date: "2027-01-20", startTime: "13:00" };
    const called = await expectSameAnswer((id) => postForm(server, `/grupper/${id}`, chair, meeting), foreign.groupId, "call a meeting");
    expect(called.status).toBe(404);
  });

  it("while someone who may see a meeting but lacks a right is told so (which discloses nothing)", async () => {
    const member = await sessionCookie(server, "karl.ljung@example.se");
    const refused = await postForm(server, `/moten/${own.meetingId}`, member, { intent: "status", to: "pagar" });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("Endast ordförande och sekreterare");
  });
});
