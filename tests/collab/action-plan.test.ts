import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import { openDatabase, type Db } from "../../db/client";
import { PLAN_ORDER_ARRAY, PLAN_ROWS_MAP } from "../../db/domain/action-plan-rows";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { actionPlanRows, agreementParties, agreements, notifications, people } from "../../db/schema";
import { connectClient, sessionCookie, waitFor, waitForSync, type Client } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let db: Db;
let planName: string;
let planId: number;
let chair: string;
let police: string;
const clients: Client[] = [];

const idOf = (email: string) => db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;

beforeAll(async () => {
  server = await startServer();
  db = openDatabase(server.databasePath).db;
  const agreement = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!;
  planId = ensureActionPlan(db, agreement.id, null).id;
  planName = `atgardsplan-${planId}`;
  [chair, police] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.stop();
});

function connect(cookie: string): Client {
  const client = connectClient(server, planName, cookie);
  clients.push(client);
  return client;
}

/** Adds a row as the plan page does: a Y.Map of fields under its uid, and the uid in the order. */
function addRow(doc: Y.Doc, uid: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) row.set(key, value);
    doc.getMap(PLAN_ROWS_MAP).set(uid, row);
    doc.getArray(PLAN_ORDER_ARRAY).push([uid]);
  });
}

const rowsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(PLAN_ROWS_MAP);
const mirrored = (uid: string) =>
  db
    .select()
    .from(actionPlanRows)
    .where(and(eq(actionPlanRows.planId, planId), eq(actionPlanRows.uid, uid)))
    .get();

describe("the åtgärdsplan's rows in the collab server", () => {
  it("mirrors a valid row into SQL once committed, and the removal of a row", async () => {
    const a = connect(chair);
    const b = connect(police);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    const party = db
      .select()
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id))
      .get()!;
    addRow(a.doc, "validrow0001", {
      problem: "Otrygghet vid torget kvällstid",
      measure: "Gemensamma trygghetsvandringar",
      startsOn: "2026-03-01",
      endsOn: "2026-12-31",
      responsiblePartyId: party.id,
      responsiblePersonId: idOf("lpo.skarholmen@example.se"),
    });
    await waitFor(() => rowsOf(b.doc).has("validrow0001"), 5_000, "the row at the other client");
    await waitFor(() => mirrored("validrow0001")?.measure === "Gemensamma trygghetsvandringar", 5_000, "the mirror");
    const row = mirrored("validrow0001")!;
    expect(row).toMatchObject({ startsOn: "2026-03-01", endsOn: "2026-12-31", responsiblePartyId: party.id, removedAt: null });

    // Different fields of one row edited at once by two people: both survive.
    rowsOf(a.doc).get("validrow0001")!.set("goal", "Ökad trygghet enligt trygghetsmätningen");
    rowsOf(b.doc).get("validrow0001")!.set("indicator", "Andel som känner sig trygga");
    await waitFor(() => mirrored("validrow0001")?.goal !== "" && mirrored("validrow0001")?.indicator !== "", 5_000, "both fields mirrored");
    // The responsible person was told once, by the mirror, however many commits the row had since.
    const told = db
      .select({ title: notifications.title })
      .from(notifications)
      .where(eq(notifications.dedupeKey, `atgard:${row.id}:${idOf("lpo.skarholmen@example.se")}`))
      .all();
    expect(told).toEqual([{ title: "Ny åtgärd: Gemensamma trygghetsvandringar" }]);

    rowsOf(b.doc).delete("validrow0001");
    await waitFor(() => mirrored("validrow0001")?.removedAt !== null, 5_000, "the removal mirrored");
    expect(a.closeEvents).toEqual([]);
    expect(b.closeEvents).toEqual([]);
  });

  const malformed: [string, Record<string, unknown>][] = [
    ["an unknown key", { measure: "Åtgärd", budget: "100 000 kr" }],
    ["a 10 000-character field", { measure: "x".repeat(10_000) }],
    ["a bad date", { startsOn: "2026-02-30" }],
    ["a person outside the agreement's groups", { responsiblePersonId: 0 }],
  ];
  for (const [what, fields] of malformed) {
    it(`refuses a row with ${what} (4422); the document and the other client are unharmed`, async () => {
      if ("responsiblePersonId" in fields) fields.responsiblePersonId = idOf("kommunpolis.ostermalm@example.se");
      const witness = connect(chair);
      const sender = connect(police);
      await Promise.all([waitForSync(witness), waitForSync(sender)]);
      const before = rowsOf(witness.doc).size;
      const uid = `bad${what.length}row${Date.now().toString(36)}`.replace(/[^a-z0-9]/g, "").slice(0, 32);
      addRow(sender.doc, uid, fields);
      await waitFor(() => sender.closeEvents.some((e) => e.code === 4422), 5_000, "the refusal");
      // The witness keeps its connection and never sees the row; nor does anyone joining later, nor SQL.
      witness.doc.getMap(PLAN_ROWS_MAP).set("afterrefusal", new Y.Map());
      const later = connect(chair);
      await waitForSync(later);
      await waitFor(() => rowsOf(later.doc).has("afterrefusal"), 5_000, "the witness' later edit");
      expect(rowsOf(later.doc).has(uid)).toBe(false);
      expect(rowsOf(witness.doc).has(uid)).toBe(false);
      expect(rowsOf(later.doc).size).toBe(before + 1);
      expect(witness.closeEvents).toEqual([]);
      expect(mirrored(uid)).toBeUndefined();
      witness.doc.getMap(PLAN_ROWS_MAP).delete("afterrefusal");
      await waitFor(() => !rowsOf(later.doc).has("afterrefusal"), 5_000, "cleanup");
    });
  }
});
