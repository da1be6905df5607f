/**
 * The demo's åtgärdsplaner: Skärholmen's and Hässelby-Vällingby's plans get a few rows, written into the
 * plan's live document as the page writes them and mirrored into `action_plan_rows` as the collab server
 * does after each committed update (server/collab/content-rules.ts), then followed up through the real
 * verb, so "Mina åtgärder", the reports up the chain and the city-wide overview's status and RAG charts
 * have something to show. Östermalm's plan stays empty, so the overview also shows a district without rows.
 * The texts are generic examples: they name no place beyond the district, as every demo text
 * (tests/db/demo-meetings.test.ts).
 */
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../client";
import { DocumentStore } from "../documents/store";
import { PLAN_ORDER_ARRAY, PLAN_ROWS_MAP, type PlanRowFields } from "../domain/action-plan-rows";
import { documentName } from "../domain/document-names";
import type { ActionRowStatus, RagMark } from "../domain/enums";
import { stockholmDate, stockholmTimeOnDay } from "../domain/stockholm-time";
import { mirrorPlanRows, referenceProblem, reportActionRow } from "../queries/action-plan-rows";
import { readPlanRows } from "../queries/action-plan-schema";
import { ensureActionPlan } from "../queries/action-plans";
import { actionPlanRows, agreementParties, agreements } from "../schema";
import type { Step } from "./demo-meetings";
import { viewer } from "./demo-events";

const DAY_MS = 24 * 60 * 60 * 1000;

interface RowSeed {
  uid: string;
  problem: string;
  measure: string;
  goal: string;
  indicator: string;
  responsibleFunction: string;
  followUp: string;
  /** The responsible party by its short name in the agreement ("Kommunen", "Polisen"). */
  party: string;
  /** The responsible person: a member of one of the agreement's groups. */
  person: string;
  /** Start and end in days from the day the rows are written. */
  startsInDays: number;
  endsInDays: number;
  /** Follow-ups by the responsible person, in days before now. */
  followUps: { daysAgo: number; status: ActionRowStatus; rag: RagMark | null; comment: string }[];
}

interface PlanSeed {
  agreement: string;
  /** Who writes the rows (a member of the beredningsgrupp), and how many days before now. */
  writer: string;
  writtenDaysAgo: number;
  rows: RowSeed[];
}

const planSeeds: PlanSeed[] = [
  {
    agreement: "skarholmen",
    writer: "linnea.holmberg@example.se",
    // Written the week after the lokal styrgrupp's latest meeting (30 days back).
    writtenDaysAgo: 25,
    rows: [
      {
        uid: "demoskh0001",
        problem: "Exempel: otrygghet kvällstid kring plats A.",
        measure: "Gemensamma trygghetsvandringar på plats A och plats B",
        goal: "Fler boende upplever att det är tryggt att vistas ute kvällstid.",
        indicator: "Andel trygga i stadens trygghetsmätning",
        responsibleFunction: "Trygghets- och säkerhetssamordnare",
        followUp: "Rapporteras till beredningsgruppen varje månad.",
        party: "Kommunen",
        person: "linnea.holmberg@example.se",
        startsInDays: 7,
        endsInDays: 220,
        followUps: [
          { daysAgo: 18, status: "pagar", rag: "gront", comment: "Exempel: den första vandringen är genomförd." },
          { daysAgo: 5, status: "pagar", rag: "gront", comment: "Exempel: två vandringar genomförda, nästa är planerad." },
        ],
      },
      {
        uid: "demoskh0002",
        problem: "Exempel: dålig belysning längs gångstråket vid plats B.",
        measure: "Inventera och förbättra belysningen vid plats B",
        goal: "Gångstråket är väl upplyst under årets mörka månader.",
        indicator: "Antal åtgärdade ljuspunkter",
        responsibleFunction: "Representant stadsdelsförvaltningen",
        followUp: "Följs upp vid arbetsgruppens möten.",
        party: "Kommunen",
        person: "daniel.lund@example.se",
        startsInDays: 14,
        endsInDays: 150,
        followUps: [{ daysAgo: 9, status: "pagar", rag: "gult", comment: "Exempel: inventeringen är klar; beställningen väntar på beslut." }],
      },
      {
        uid: "demoskh0003",
        problem: "Exempel: unga i risk för kriminalitet syns kring plats A kvällstid.",
        measure: "Samordnade insatser för unga i risk för kriminalitet",
        goal: "Tidiga kontakter med unga och deras vårdnadshavare.",
        indicator: "Antal genomförda samtal med unga och vårdnadshavare",
        responsibleFunction: "Kommunpolis",
        followUp: "Följs upp vid beredningsgruppens möten.",
        party: "Polisen",
        person: "ahmed.yusuf@example.se",
        startsInDays: 0,
        endsInDays: 300,
        followUps: [{ daysAgo: 12, status: "stoppad", rag: "rott", comment: "Exempel: arbetet har pausats i väntan på bemanning." }],
      },
      {
        uid: "demoskh0004",
        problem: "Exempel: de boende känner inte till parternas gemensamma arbete.",
        measure: "Informera de boende om medborgarlöftet",
        goal: "De boende vet vad parterna har lovat och hur det följs upp.",
        indicator: "Antal informationstillfällen",
        responsibleFunction: "Trygghets- och säkerhetssamordnare",
        followUp: "Rapporteras till styrgruppen.",
        party: "Kommunen",
        person: "linnea.holmberg@example.se",
        startsInDays: 30,
        endsInDays: 200,
        followUps: [],
      },
    ],
  },
  {
    agreement: "hasselby-vallingby",
    writer: "malin.eklund@example.se",
    // Written after the lokal styrgrupp adopted its åtgärdsplan (110 days back).
    writtenDaysAgo: 100,
    rows: [
      {
        uid: "demohv00001",
        problem: "Exempel: barn och unga saknar meningsfull fritid kvällstid.",
        measure: "Utökade öppettider på fritidsgården under helger",
        goal: "Fler unga har en trygg plats att vara på kvällstid.",
        indicator: "Antal besökare per helgkväll",
        responsibleFunction: "Representant stadsdelsförvaltningen",
        followUp: "Följs upp vid arbetsgruppens möten.",
        party: "Kommunen",
        person: "yasmin.abdi@example.se",
        startsInDays: 14,
        endsInDays: 180,
        followUps: [
          { daysAgo: 60, status: "pagar", rag: "gult", comment: "Exempel: bemanningen för helgerna är inte helt klar." },
          { daysAgo: 20, status: "genomford", rag: "gront", comment: "Exempel: de utökade öppettiderna gäller nu varje helg." },
        ],
      },
      {
        uid: "demohv00002",
        problem: "Exempel: otrygghet kvällstid vid plats A.",
        measure: "Trygghetsvandringar tillsammans med skolorna",
        goal: "Skolornas personal och elever deltar i arbetet för trygga skolvägar.",
        indicator: "Antal genomförda trygghetsvandringar",
        responsibleFunction: "Trygghets- och säkerhetssamordnare",
        followUp: "Rapporteras till beredningsgruppen.",
        party: "Kommunen",
        person: "malin.eklund@example.se",
        startsInDays: 30,
        endsInDays: 250,
        followUps: [{ daysAgo: 15, status: "pagar", rag: "gront", comment: "Exempel: tre vandringar är genomförda under hösten." }],
      },
      {
        uid: "demohv00003",
        problem: "Exempel: återkommande ordningsstörningar vid plats B.",
        measure: "Riktad närvaro vid plats B under helgkvällar",
        goal: "Färre ordningsstörningar vid plats B.",
        indicator: "Antal anmälda ordningsstörningar",
        responsibleFunction: "Kommunpolis",
        followUp: "Följs upp vid beredningsgruppens möten.",
        party: "Polisen",
        person: "kristian.nord@example.se",
        startsInDays: 0,
        endsInDays: 200,
        followUps: [{ daysAgo: 7, status: "pagar", rag: "rott", comment: "Exempel: närvaron har minskat under hösten på grund av andra insatser." }],
      },
      {
        uid: "demohv00004",
        problem: "Exempel: skymd sikt och dålig belysning vid plats A.",
        measure: "Inventera belysning och växtlighet vid plats A",
        goal: "Platsen är överblickbar och väl upplyst.",
        indicator: "Inventeringen är genomförd och åtgärder beställda",
        responsibleFunction: "Trygghets- och säkerhetssamordnare",
        followUp: "Rapporteras till styrgruppen.",
        party: "Kommunen",
        person: "malin.eklund@example.se",
        startsInDays: 45,
        endsInDays: 240,
        followUps: [],
      },
    ],
  },
];

/** The steps on the demo's one timeline (demo-meetings.ts): each plan's rows, then their follow-ups. */
export function actionPlanSteps(db: Db, now: Date): Step[] {
  return planSeeds.flatMap((seed) => {
    const writtenAt = dayAt(now, seed.writtenDaysAgo, "09:30");
    const rowIds = new Map<string, number>();
    const steps: Step[] = [
      {
        at: writtenAt,
        run: () => {
          const agreementId = agreementIdOf(db, seed.agreement);
          const planId = ensureActionPlan(db, agreementId, viewer(db, seed.writer).id, writtenAt).id;
          writePlanRows(db, planId, agreementId, viewer(db, seed.writer).id, rowFields(db, agreementId, seed.rows, writtenAt), writtenAt);
          for (const row of db.select({ id: actionPlanRows.id, uid: actionPlanRows.uid }).from(actionPlanRows).where(eq(actionPlanRows.planId, planId)).all()) {
            rowIds.set(row.uid, row.id);
          }
        },
      },
    ];
    for (const row of seed.rows) {
      for (const followUp of row.followUps) {
        const at = dayAt(now, followUp.daysAgo, "15:00");
        steps.push({
          at,
          run: () => {
            reportActionRow(db, viewer(db, row.person), rowIds.get(row.uid)!, { status: followUp.status, rag: followUp.rag, comment: followUp.comment }, at);
          },
        });
      }
    }
    return steps;
  });
}

/** Each row's fields as the page writes them into the Y.Doc: dates, party and person resolved. */
function rowFields(db: Db, agreementId: number, rows: RowSeed[], writtenAt: Date): [string, PlanRowFields][] {
  const day = (days: number) => stockholmDate(new Date(writtenAt.getTime() + days * DAY_MS));
  return rows.map((row) => [
    row.uid,
    {
      problem: row.problem,
      measure: row.measure,
      goal: row.goal,
      indicator: row.indicator,
      responsibleFunction: row.responsibleFunction,
      followUp: row.followUp,
      startsOn: day(row.startsInDays),
      endsOn: day(row.endsInDays),
      responsiblePartyId: partyIdOf(db, agreementId, row.party),
      responsiblePersonId: viewer(db, row.person).id,
    },
  ]);
}

/**
 * Writes the rows into the plan's live document as one update (as a page would) and mirrors the
 * committed document into `action_plan_rows`, with the collab server's checks: the row schema and
 * references to this agreement only. The responsible people are told, as for rows written in the app.
 */
function writePlanRows(db: Db, planId: number, agreementId: number, writerId: number, rows: [string, PlanRowFields][], now: Date): void {
  const store = new DocumentStore(db);
  const name = documentName({ kind: "atgardsplan", planId });
  const { doc } = store.load(name, "atgardsplan", { agreementId }, now);
  try {
    const before = readPlanRows(doc);
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    doc.transact(() => {
      for (const [uid, fields] of rows) {
        const row = new Y.Map<unknown>();
        for (const [key, value] of Object.entries(fields)) row.set(key, value);
        doc.getMap(PLAN_ROWS_MAP).set(uid, row);
        doc.getArray<string>(PLAN_ORDER_ARRAY).push([uid]);
      }
    });
    const after = readPlanRows(doc);
    if (!after.ok) throw new Error(`Demodata: åtgärdsplanens rader följer inte schemat: ${after.problem}`);
    const problem = referenceProblem(db, planId, before.ok ? before.rows : [], after.rows);
    if (problem) throw new Error(`Demodata: åtgärdsplanens rader: ${problem}`);
    store.write(
      updates.map((update) => ({ kind: "update", name, update, personId: writerId })),
      now,
    );
    mirrorPlanRows(db, planId, after.rows, now);
  } finally {
    doc.destroy();
  }
}

/** `daysAgo` days before now's Stockholm date, at a Stockholm time of day; never after now. */
function dayAt(now: Date, daysAgo: number, time: string): Date {
  const at = new Date(stockholmTimeOnDay(stockholmDate(new Date(now.getTime() - daysAgo * DAY_MS)), time));
  return at > now ? now : at;
}

function agreementIdOf(db: Db, slug: string): number {
  const agreement = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement) throw new Error(`Demodata: överenskommelsen ${slug} saknas.`);
  return agreement.id;
}

function partyIdOf(db: Db, agreementId: number, shortName: string): number {
  const party = db
    .select({ id: agreementParties.id })
    .from(agreementParties)
    .where(and(eq(agreementParties.agreementId, agreementId), eq(agreementParties.shortName, shortName)))
    .get();
  if (!party) throw new Error(`Demodata: parten ${shortName} saknas.`);
  return party.id;
}
