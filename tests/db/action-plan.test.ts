import { and, eq, isNull } from "drizzle-orm";
import * as Y from "yjs";
import { addPlanRow, setPlanField } from "../../app/components/plan/plan-doc";
import { closeDatabase, type Db } from "../../db/client";
import { emptyPlanRow, type PlanRow } from "../../db/domain/action-plan-rows";
import { readPlanRows } from "../../db/queries/action-plan-schema";
import { getActionPlanPage } from "../../db/queries/action-plan-page";
import { listMyActionRows, listRowReports, mirrorPlanRows, pendingChanges, referenceProblem, reportActionRow } from "../../db/queries/action-plan-rows";
import { ensureActionPlan, listPlanRows } from "../../db/queries/action-plans";
import { createActionItem } from "../../db/queries/action-items";
import { ConflictError, NotFoundError } from "../../db/queries/errors";
import { insertMembership } from "../../db/queries/memberships";
import { insertPerson } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";
import { actionPlanRows, actionPlans, agreementParties, agreements, documentVersions, groups, meetings, places } from "../../db/schema";
import { CITY_WIDE_SLUG } from "../../db/seed/demo-data";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let planId: number;
let agreementId: number;
let chair: Viewer;
let police: Viewer;
let outsider: Viewer;
let reader: Viewer;
let workingGroupMember: Viewer;

function newViewer(email: string, groupKind: "styrgrupp" | "arbetsgrupp", role: "lasare" | "ledamot"): Viewer {
  const personId = insertPerson(db, { email, name: email.split("@")[0], passwordHash: null });
  const group = db
    .select()
    .from(groups)
    .where(and(eq(groups.agreementId, agreementId), eq(groups.kind, groupKind)))
    .get()!;
  insertMembership(db, { groupId: group.id, personId, role, functionId: null });
  return viewerByEmail(db, email);
}

beforeAll(async () => {
  db = await openSeededDatabase();
  agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
  planId = ensureActionPlan(db, agreementId, null).id;
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  police = viewerByEmail(db, "lpo.skarholmen@example.se");
  outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
  reader = newViewer("lasare.skarholmen@example.se", "styrgrupp", "lasare");
  workingGroupMember = newViewer("arbetsgrupp.skarholmen@example.se", "arbetsgrupp", "ledamot");
});
afterAll(() => closeDatabase());

const row = (uid: string, fields: Partial<PlanRow> = {}, position = 0): PlanRow => ({ ...emptyPlanRow(uid, position), ...fields });
const mirrorOf = (uid: string) =>
  db
    .select()
    .from(actionPlanRows)
    .where(and(eq(actionPlanRows.planId, planId), eq(actionPlanRows.uid, uid)))
    .get();

describe("the row schema", () => {
  it("reads rows in order, forgiving duplicate and stale order entries", () => {
    const doc = new Y.Doc();
    addPlanRow(doc, "aaaaaaaa01", { measure: "Först" });
    addPlanRow(doc, "bbbbbbbb02", { measure: "Sedan" });
    doc.getArray("order").push(["aaaaaaaa01", "cccccccc03"]);
    const read = readPlanRows(doc);
    expect(read.ok && read.rows.map((r) => [r.uid, r.position, r.measure])).toEqual([
      ["aaaaaaaa01", 0, "Först"],
      ["bbbbbbbb02", 1, "Sedan"],
    ]);
  });

  it("refuses unknown keys, long text, bad dates, non-map rows, bad uids and other root types", () => {
    const cases: ((doc: Y.Doc) => void)[] = [
      (doc) => addPlanRow(doc, "aaaaaaaa01", { budget: 1 } as never),
      (doc) => addPlanRow(doc, "aaaaaaaa01", { goal: "x".repeat(2001) }),
      (doc) => addPlanRow(doc, "aaaaaaaa01", { endsOn: "2026-13-01" }),
      (doc) => addPlanRow(doc, "aaaaaaaa01", { placeIds: ["1"] as never }),
      (doc) => doc.getMap("rows").set("aaaaaaaa01", "text"),
      (doc) => doc.getMap("rows").set("BAD UID", new Y.Map()),
      (doc) => doc.getMap("elsewhere").set("x", 1),
    ];
    for (const write of cases) {
      const doc = new Y.Doc();
      write(doc);
      expect(readPlanRows(doc).ok).toBe(false);
    }
  });
});

describe("references and the mirror", () => {
  it("accepts the agreement's parties, places, priority areas and members, and refuses others' only when newly set", () => {
    const party = db.select().from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).get()!;
    const otherParty = db
      .select()
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, db.select().from(agreements).where(eq(agreements.slug, "ostermalm")).get()!.id))
      .get()!;
    const place = db.insert(places).values({ agreementId, name: "Plats A", createdAt: new Date().toISOString() }).returning().get();
    const ok = row("refsrow001", { responsiblePartyId: party.id, responsiblePersonId: police.id, placeIds: [place.id] });
    expect(referenceProblem(db, planId, [], [ok])).toBeNull();
    expect(referenceProblem(db, planId, [], [row("refsrow001", { responsiblePersonId: outsider.id })])).toMatch(/people/);
    expect(referenceProblem(db, planId, [], [row("refsrow001", { responsiblePartyId: otherParty.id })])).toMatch(/parties/);
    expect(referenceProblem(db, planId, [], [row("refsrow001", { placeIds: [999_999] })])).toMatch(/places/);
    // Someone who has since left stays on the row without blocking edits of it.
    const before = row("refsrow001", { responsiblePersonId: outsider.id });
    expect(referenceProblem(db, planId, [before], [{ ...before, goal: "Nytt mål" }])).toBeNull();
  });

  it("writes rows, marks removed ones and brings back a row that returns", () => {
    mirrorPlanRows(db, planId, [row("mirror0001", { measure: "A", startsOn: "2026-01-01" }, 0), row("mirror0002", { measure: "B" }, 1)]);
    expect(mirrorOf("mirror0001")).toMatchObject({ measure: "A", startsOn: "2026-01-01", endsOn: null, position: 0, removedAt: null });
    mirrorPlanRows(db, planId, [row("mirror0002", { measure: "B" }, 0)]);
    expect(mirrorOf("mirror0001")!.removedAt).not.toBeNull();
    expect(mirrorOf("mirror0002")!.position).toBe(0);
    expect(listPlanRows(db, planId).map((r) => r.uid)).toEqual(["mirror0002"]);
    mirrorPlanRows(db, planId, [row("mirror0002", { measure: "B" }, 0), row("mirror0001", { measure: "A" }, 1)]);
    expect(mirrorOf("mirror0001")!.removedAt).toBeNull();
  });
});

describe("follow-up reports", () => {
  let rowId: number;
  beforeAll(() => {
    mirrorPlanRows(db, planId, [row("report0001", { measure: "Trygghetsvandringar", responsiblePersonId: workingGroupMember.id })]);
    rowId = mirrorOf("report0001")!.id;
  });

  it("keeps every report as history, newest first", () => {
    reportActionRow(db, chair, rowId, { status: "pagar", rag: "gult", comment: "Två vandringar gjorda" }, new Date("2026-03-14T09:00:00Z"));
    reportActionRow(db, chair, rowId, { status: "genomford", rag: "gront", comment: "Klart" }, new Date("2026-06-01T09:00:00Z"));
    const history = listRowReports(db, police, rowId);
    expect(history.map((r) => [r.status, r.rag, r.comment, r.reportedAt.slice(0, 10)])).toEqual([
      ["genomford", "gront", "Klart", "2026-06-01"],
      ["pagar", "gult", "Två vandringar gjorda", "2026-03-14"],
    ]);
  });

  it("lets the responsible person report although they only read the plan; a läsare or another working group member may not", () => {
    reportActionRow(db, workingGroupMember, rowId, { status: "pagar", rag: null, comment: "" });
    const other = newViewer("annan.arbetsgrupp@example.se", "arbetsgrupp", "ledamot");
    expect(() => reportActionRow(db, other, rowId, { status: "pagar", rag: null, comment: "" })).toThrow(NotFoundError);
    expect(() => reportActionRow(db, reader, rowId, { status: "pagar", rag: null, comment: "" })).toThrow(NotFoundError);
    expect(() => reportActionRow(db, outsider, rowId, { status: "pagar", rag: null, comment: "" })).toThrow(NotFoundError);
    expect(() => listRowReports(db, outsider, rowId)).toThrow(NotFoundError);
  });

  it("lists the rows I am responsible for under Mina åtgärder, with the latest report", () => {
    const mine = listMyActionRows(db, workingGroupMember);
    expect(mine.map((r) => [r.row.uid, r.latest?.status])).toEqual([["report0001", "pagar"]]);
    expect(mine[0].agreementSlug).toBe("skarholmen");
    expect(listMyActionRows(db, outsider)).toEqual([]);
  });
});

describe("the plan page's rights", () => {
  it("lets members of the styrgrupp edit; läsare, working group members and administrators read; others nothing", () => {
    expect(getActionPlanPage(db, chair, "skarholmen")?.editable).toBe(true);
    expect(getActionPlanPage(db, reader, "skarholmen")?.editable).toBe(false);
    expect(getActionPlanPage(db, workingGroupMember, "skarholmen")?.editable).toBe(false);
    expect(getActionPlanPage(db, viewerByEmail(db, "admin@example.se"), "skarholmen")?.editable).toBe(false);
    expect(getActionPlanPage(db, outsider, "skarholmen")).toBeNull();
    expect(getActionPlanPage(db, chair, CITY_WIDE_SLUG)).toBeNull();
  });

  it("creates no plan for an outsider's request", () => {
    // Östermalm: the demo gives Skärholmen and Hässelby-Vällingby a plan with rows, Östermalm none.
    const other = db.select().from(agreements).where(eq(agreements.slug, "ostermalm")).get()!;
    expect(getActionPlanPage(db, chair, other.slug)).toBeNull();
    expect(db.select().from(actionPlans).where(eq(actionPlans.agreementId, other.id)).get()).toBeUndefined();
  });
});

describe("pending changes", () => {
  it("shows nothing before a decision, then changed promises (old → new) and new rows", () => {
    const decided = row("pending001", { measure: "Vandringar", endsOn: "2026-12-31", followUp: "Kvartalsvis" });
    expect(pendingChanges(db, planId, [decided]).size).toBe(0);
    const version = db
      .insert(documentVersions)
      .values({
        subjectKind: "atgardsplan",
        subjectId: planId,
        kind: "faststalld",
        label: "Fastställd",
        data: JSON.stringify({ rows: [{ ...decided, startsOn: null, placeIds: [], priorityAreaIds: [] }] }),
        sha256: "0".repeat(64),
        createdAt: new Date().toISOString(),
      })
      .returning()
      .get();
    db.update(actionPlans).set({ decidedVersionId: version.id }).where(eq(actionPlans.id, planId)).run();
    // Follow-up text is not a promise: changing it is not pending.
    const pending = pendingChanges(db, planId, [{ ...decided, followUp: "Månadsvis", endsOn: "2027-06-30" }, row("pending002")]);
    expect(pending.get("pending001")).toEqual({ kind: "changed", fields: [{ field: "endsOn", before: "2026-12-31", after: "2027-06-30" }] });
    expect(pending.get("pending002")).toEqual({ kind: "new" });
  });
});

describe("uppdrag linked to an åtgärd", () => {
  it("links an uppdrag from a meeting of the agreement's group to a row, shown with the row; refuses a row of another agreement", () => {
    mirrorPlanRows(db, planId, [row("linkrow001", { measure: "Vandringar" })]);
    const rowId = mirrorOf("linkrow001")!.id;
    const meeting = db
      .select({ id: meetings.id })
      .from(meetings)
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(and(eq(groups.agreementId, agreementId), eq(groups.kind, "styrgrupp"), isNull(meetings.lockedAt), eq(meetings.status, "planerat")))
      .get()!;
    const input = { title: "Boka lokal för vandringarna", ownerId: police.id, dueOn: null, agendaItemId: null };
    createActionItem(db, chair, meeting.id, { ...input, actionRowId: rowId });
    const page = getActionPlanPage(db, chair, "skarholmen")!;
    expect(page.rowsByUid.linkrow001.actionItems.map((item) => item.title)).toEqual(["Boka lokal för vandringarna"]);

    const otherPlan = ensureActionPlan(db, db.select().from(agreements).where(eq(agreements.slug, "ostermalm")).get()!.id, null).id;
    mirrorPlanRows(db, otherPlan, [row("foreign001", { measure: "Annat" })]);
    const foreignRow = db.select().from(actionPlanRows).where(eq(actionPlanRows.uid, "foreign001")).get()!.id;
    expect(() => createActionItem(db, chair, meeting.id, { ...input, actionRowId: foreignRow })).toThrow(ConflictError);
  });
});

describe("a field written twice", () => {
  it("keeps the last value per field and both people's different fields", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addPlanRow(a, "samerow001");
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setPlanField(a, "samerow001", "measure", "Från A");
    setPlanField(b, "samerow001", "goal", "Från B");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const read = readPlanRows(b);
    expect(read.ok && read.rows[0]).toMatchObject({ measure: "Från A", goal: "Från B" });
  });
});
