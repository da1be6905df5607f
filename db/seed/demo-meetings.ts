/**
 * Demo history of the three local steering groups: their latest meeting is
 * run from agenda to archived protocol, and their next meeting gets a draft
 * agenda, so a newcomer sees the whole meeting cycle (agenda, notes,
 * attendance, § numbered decisions, uppdrag, justering, protocol PDF, audit
 * log, "Uppföljning av uppdrag"). Every other held meeting of every group is
 * a short routine meeting (opening, one report laid to the files as a §,
 * övriga frågor), approved with an archived protocol, or for a group's latest
 * meeting awaiting approval: no meeting says "justerat" without a record behind it.
 *
 * Everything goes through the same domain verbs the app calls, acting as the
 * people who would do it, so the rows (including the hash-chained audit log)
 * are exactly what the app itself produces. Each verb gets the time at which
 * it would have happened during or after the seeded meeting, so § numbers
 * fall in the meeting's year and the audit log reads in time order.
 */
import { and, asc, desc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { appendParagraphsOffline } from "../documents/store";
import { createActionItem, setActionItemStatus } from "../queries/action-items";
import { groupHasOpenActionItems } from "../queries/action-items";
import { addAgendaItem, FOLLOW_UP_TITLE, listAgendaItems } from "../queries/agenda";
import { ensureSituationPicture, listSections } from "../queries/lagesbild";
import { markSectionNotApplicable, setSectionStatus } from "../queries/lagesbild-sections";
import { handOver, putUpForDecision } from "../queries/steering-documents";
import { addGuest, setMemberAttendance, type GuestInput } from "../queries/attendance";
import { adoptDecision } from "../queries/decisions";
import { addPromiseActivity, reportPromiseFollowUp } from "../queries/citizen-promises";
import { groupChairs } from "../queries/meeting-chair";
import { advanceMeetingStatus, approveMinutes, chooseJusterare } from "../queries/meeting-lifecycle";
import type { Viewer } from "../queries/sessions";
import {
  decisions,
  groups,
  meetings,
  memberships,
  people,
  type ActionItemStatus,
  type ActionRowStatus,
  type AgendaItemKind,
  type DecisionKind,
  type GroupKind,
  type MemberRole,
  type RagMark,
} from "../schema";
import { stockholmDate, stockholmDayOfWeek, stockholmYear } from "../domain/stockholm-time";
import { chainReportSteps, significantEventSteps } from "./demo-events";
import { actionPlanSteps } from "./demo-plans";

// ---------------------------------------------------------------------------
// The data: one entry per local styrgrupp
// ---------------------------------------------------------------------------

/** A beslut item of the held meeting: who presents it, the minutes under it and the decision text. */
interface DecisionItemSeed {
  title: string;
  kind: DecisionKind;
  presenter: string;
  notes: string[];
  decision: string[];
}

interface ActionItemSeed {
  title: string;
  owner: string;
  /** The beslut item the uppdrag was given under (null: under "Övriga frågor"). */
  under: "lagesbild" | "plan" | null;
  dueInDays: number;
  /** Status changes the owner makes, in days after the meeting; none leaves it "ej påbörjad". */
  changes: { status: ActionItemStatus; afterDays: number }[];
}

/** A medborgarlöfte's activities (days counted from the meeting) and the follow-up of its first activity. */
interface PromiseSeed {
  activities: { title: string; responsible: string; startsInDays: number; endsInDays: number }[];
  followUp: { status: ActionRowStatus; rag: RagMark; comment: string; afterDays: number };
}

interface DraftItemSeed {
  title: string;
  kind: AgendaItemKind;
  presenter: string | null;
}

interface MeetingHistorySeed {
  group: string;
  /** The co-chair who leads the meeting, when not the group's first (the city's) ordförande. */
  chair?: string;
  /** Approves the minutes together with the chair who leads the meeting and the sekreterare; never that chair. */
  justerare: string;
  /** A member who has sent apologies (anmält förhinder). */
  absent?: string;
  /** A member who leaves between the two decisions, so the second § lists them as gone. */
  leavesEarly?: string;
  /** A co-opted guest who is not a member of the group. */
  guest?: GuestInput;
  /**
   * The lägesbild decided is the previous year's (its analysis waited for that year's statistics), so the
   * demo also shows an agreement revised yearly whose page warns that this year's lägesbild is missing.
   */
  decidesPreviousYearsLagesbild?: boolean;
  /**
   * The chair hands the decided lägesbild over to the stadsövergripande beredningsgrupp a few days after the
   * justering, so the city-wide group's page and the overview show what was handed over; one district does
   * not, so the overview also shows a lägesbild fastställd but not yet handed over.
   */
  handsOverLagesbild?: boolean;
  /** Texts depend on the Stockholm year the meeting was held in. */
  content: (year: number) => {
    lagesbild: Omit<DecisionItemSeed, "title" | "kind">;
    plan: DecisionItemSeed;
    otherBusiness: string[];
    minutes: string[];
  };
  actionItems: ActionItemSeed[];
  /** When the plan item is a medborgarlöfte: the activities the chair adds under it after the justering, and one follow-up. */
  promise?: PromiseSeed;
  /** The next meeting's own items, between the opening (and follow-up) and "Övriga frågor". */
  nextAgenda: DraftItemSeed[];
}

/**
 * The demo runs under the real agreements' names, so its invented texts name no real site,
 * company or person: places are "plats A", "plats B", and the co-opted housing company is
 * not named. tests/db/demo-meetings.test.ts checks every seeded text against a list of real
 * names.
 */
export const DEMO_HOUSING_COMPANY = "Bostadsbolag (fiktivt exempel)";

const meetingHistory: MeetingHistorySeed[] = [
  {
    group: "Lokal styrgrupp Skärholmen",
    handsOverLagesbild: true,
    // The group is led jointly; this meeting by the police's co-chair (the demo login lpo.skarholmen), so the
    // city's co-chair (sdd.skarholmen), who does not lead it, is justerare.
    chair: "lpo.skarholmen@example.se",
    justerare: "sdd.skarholmen@example.se",
    absent: "ahmed.yusuf@example.se",
    // Nobody with a mandate from a fackförvaltning or company sits in the group,
    // so a housing company is co-opted for the medborgarlöfte. Which one is left
    // unsaid: a real company must not get invented staff.
    guest: { name: "Emma Roos", organisation: DEMO_HOUSING_COMPANY, functionName: "Områdeschef" },
    content: (year) => ({
      lagesbild: {
        presenter: "linnea.holmberg@example.se",
        notes: [
          `Trygghetssamordnaren föredrog förslaget till gemensam lokal lägesbild ${year}, som beredningsgruppen har tagit fram utifrån stadens trygghetsmätning, Stockholmsenkäten och polisens statistik.`,
          "Exempel: lägesbilden pekar ut två avgränsade platser, här kallade plats A och plats B, där otryggheten är störst kvällstid och där parterna behöver göra gemensamma åtgärder.",
          "Lokalpolisområdeschefen föreslog att arbetet med unga i risk för kriminalitet, ett av de stadsövergripande prioriterade samverkansområdena, ska ha en egen rad i åtgärdsplanen.",
        ],
        decision: ["Lägesbilden ligger till grund för revideringen av åtgärdsplanen och överlämnas till den stadsövergripande beredningsgruppen."],
      },
      plan: {
        title: "Medborgarlöfte",
        kind: "medborgarlofte",
        presenter: "lpo.skarholmen@example.se",
        notes: [
          "Lokalpolisområdeschefen redogjorde för förslaget till nytt medborgarlöfte, som bygger på lägesbilden och på synpunkter från medborgardialogerna.",
          "Bostadsbolagets områdeschef beskrev hur bolaget kan bidra med belysning och trygghetsvärdar på plats A och plats B.",
          "Styrgruppen diskuterade hur löftet ska följas upp och kommuniceras till de boende.",
        ],
        decision: [
          "Styrgruppen beslutar att anta medborgarlöftet för Skärholmen enligt bilaga: kommunen och polisen lovar att tillsammans öka tryggheten på plats A och plats B genom gemensamma trygghetsvandringar, bättre belysning och fler vuxna på plats kvällstid.",
          "Medborgarlöftet följs upp vid varje möte i styrgruppen.",
        ],
      },
      otherBusiness: [
        "Kommunpolisen hade anmält förhinder; polisens rapport om det aktuella läget skickas skriftligt till styrgruppen.",
        "Stadsdelsdirektören informerade om ett förslag att pröva längre öppettider på fredagskvällar vid en av stadsdelens fritidsgårdar.",
      ],
      minutes: [
        "Trygghetssamordnaren förde protokollet.",
        "Emma Roos, områdeschef på ett av stadens bostadsbolag, deltog som adjungerad eftersom styrgruppen ännu saknar en chef med mandat från fackförvaltning eller bolag.",
        "Nästa möte hålls enligt utsänd kallelse.",
      ],
    }),
    actionItems: [
      {
        title: "Ta fram förslag till bättre belysning på plats A tillsammans med Trafikkontoret",
        owner: "linnea.holmberg@example.se",
        under: "plan",
        dueInDays: 45,
        changes: [{ status: "pagar", afterDays: 6 }],
      },
      {
        title: "Publicera medborgarlöftet på stadsdelsförvaltningens och polisens webbplatser",
        owner: "lpo.skarholmen@example.se",
        under: "plan",
        dueInDays: 14,
        changes: [
          { status: "pagar", afterDays: 2 },
          { status: "klar", afterDays: 9 },
        ],
      },
      {
        title: "Be Trafikkontoret och bostadsbolagen utse en chef med mandat till styrgruppen",
        owner: "sdd.skarholmen@example.se",
        under: null,
        dueInDays: 50,
        changes: [],
      },
    ],
    promise: {
      activities: [
        { title: "Gemensamma trygghetsvandringar på plats A och plats B", responsible: "linnea.holmberg@example.se", startsInDays: 14, endsInDays: 200 },
        { title: "Fler vuxna på plats kvällstid vid plats B", responsible: "sdd.skarholmen@example.se", startsInDays: 30, endsInDays: 250 },
      ],
      followUp: {
        status: "pagar",
        rag: "gult",
        comment: "Exempel: den första trygghetsvandringen är genomförd; nästa planeras när belysningen på plats A är på plats.",
        afterDays: 10,
      },
    },
    nextAgenda: [
      { title: "Uppföljning av medborgarlöftet", kind: "information", presenter: "lpo.skarholmen@example.se" },
      { title: "Revidering av åtgärdsplanen", kind: "beslut", presenter: "linnea.holmberg@example.se" },
    ],
  },
  {
    group: "Lokal styrgrupp Östermalm",
    justerare: "henrik.lindstrom@example.se",
    // The Grundskolechef's absence shows the required function as missing at both §§.
    absent: "annika.berglund@example.se",
    decidesPreviousYearsLagesbild: true,
    content: (year) => ({
      lagesbild: {
        presenter: "tove.hedlund@example.se",
        notes: [
          `Trygghets- och säkerhetssamordnaren föredrog förslaget till gemensam lokal lägesbild ${year - 1}, framtaget av beredningsgruppen tillsammans med lokalpolisområde Norrmalm.`,
          "Exempel: lägesbilden pekar ut tre avgränsade platser, här kallade plats A, B och C, där parterna behöver göra gemensamma åtgärder.",
          "Skolornas bild av unga i riskmiljöer lämnas skriftligt, eftersom grundskolechefen hade anmält förhinder.",
        ],
        decision: ["Lägesbilden revideras när nya resultat från trygghetsmätningen finns."],
      },
      plan: {
        title: "Åtgärdsplan",
        kind: "atgardsplan",
        presenter: "henrik.lindstrom@example.se",
        notes: [
          "Lokalpolisområdeschefen föredrog förslaget till åtgärdsplan, som utgår från lägesbildens tre avgränsade platser.",
          "Styrgruppen diskuterade särskilt samverkan med näringsidkare och fastighetsägare kring plats A och behovet av fler vuxna ute under helgkvällar.",
        ],
        decision: [
          `Styrgruppen beslutar att anta åtgärdsplanen för Östermalm ${year} enligt bilaga 3a–c.`,
          "Beredningsgruppen får i uppdrag att följa upp åtgärderna och rapportera till styrgruppen vid varje möte.",
        ],
      },
      otherBusiness: [
        "Sekreteraren påminde om att samverkansöverenskommelsen ska revideras en gång per år och att den ingicks 2021, före den stadsövergripande överenskommelsen som gäller från den 1 januari 2024. Beredningsgruppen förbereder en revidering enligt den till ett kommande möte.",
      ],
      minutes: [
        "Trygghets- och säkerhetssamordnaren förde protokollet.",
        "Grundskolechefen hade anmält förhinder; utbildningsförvaltningens synpunkter på lägesbilden lämnas skriftligt till beredningsgruppen.",
      ],
    }),
    actionItems: [
      {
        title: "Samordna en trygghetsvandring kring plats A med fastighetsägare och näringsidkare",
        owner: "tove.hedlund@example.se",
        under: "plan",
        dueInDays: 30,
        changes: [
          { status: "pagar", afterDays: 5 },
          { status: "klar", afterDays: 28 },
        ],
      },
      {
        title: "Ta fram underlag om skolornas trygghetsarbete till nästa lägesbild",
        owner: "annika.berglund@example.se",
        under: "lagesbild",
        dueInDays: 90,
        changes: [{ status: "pagar", afterDays: 20 }],
      },
      {
        title: "Utreda behovet av gemensam kamerabevakning på plats B",
        owner: "henrik.lindstrom@example.se",
        under: "plan",
        dueInDays: 60,
        // Dropped after a while, so the demo shows an avbrutet uppdrag too.
        changes: [
          { status: "pagar", afterDays: 10 },
          { status: "avbruten", afterDays: 40 },
        ],
      },
    ],
    nextAgenda: [
      { title: "Rapport från beredningsgruppen", kind: "information", presenter: "tove.hedlund@example.se" },
      // Östermalm's agreement is revised every year.
      { title: "Årlig revidering av samverkansöverenskommelsen", kind: "beslut", presenter: "cecilia.wahlberg@example.se" },
    ],
  },
  {
    group: "Lokal styrgrupp Hässelby-Vällingby",
    handsOverLagesbild: true,
    justerare: "jonas.hedberg@example.se",
    leavesEarly: "patrik.sjodin@example.se",
    content: (year) => ({
      lagesbild: {
        presenter: "malin.eklund@example.se",
        notes: [
          `Trygghetssamordnaren föredrog förslaget till gemensam lokal lägesbild ${year}.`,
          "Exempel: lägesbilden pekar ut några avgränsade platser, här kallade plats A och plats B, där otryggheten är störst kvällstid.",
          "Lokalpolisområdeschefen betonade att tidiga insatser för barn och unga fortsatt är den viktigaste prioriteringen.",
        ],
        decision: ["Lägesbilden överlämnas till arbetsgruppen för barn och unga som underlag för dess planering."],
      },
      plan: {
        title: "Åtgärdsplan",
        kind: "atgardsplan",
        presenter: "jonas.hedberg@example.se",
        notes: [
          "Trafikkontorets representant lämnade mötet före ärendet och deltog inte i beslutet.",
          "Lokalpolisområdeschefen föredrog förslaget till åtgärdsplan, inklusive uppdragen till de lokala arbetsgrupperna.",
          "Utbildningsförvaltningens representant framhöll att skolorna vill delta i trygghetsvandringarna.",
        ],
        decision: [
          `Styrgruppen beslutar att anta åtgärdsplanen för Hässelby-Vällingby ${year} enligt bilaga, inklusive uppdragen till de lokala arbetsgrupperna.`,
          "Åtgärdsplanen följs upp enligt uppföljningsplanen.",
        ],
      },
      otherBusiness: ["Utbildningsförvaltningens representant informerade om skolornas arbete med trygga skolvägar."],
      minutes: ["Trygghetssamordnaren förde protokollet.", "Trafikkontorets representant lämnade mötet efter beslutet om lägesbilden."],
    }),
    actionItems: [
      {
        title: "Sammanställa Stockholmsenkätens resultat för Hässelby-Vällingby till beredningsgruppen",
        owner: "malin.eklund@example.se",
        under: "lagesbild",
        dueInDays: 30,
        changes: [
          { status: "pagar", afterDays: 3 },
          { status: "klar", afterDays: 25 },
        ],
      },
      {
        title: "Förankra åtgärdsplanen hos rektorerna i stadsdelsområdet",
        owner: "annika.berglund@example.se",
        under: "plan",
        dueInDays: 45,
        changes: [{ status: "pagar", afterDays: 14 }],
      },
      {
        title: "Inventera belysning och växtlighet på plats A tillsammans med fastighetsägarna",
        owner: "patrik.sjodin@example.se",
        under: "plan",
        dueInDays: 75,
        changes: [],
      },
    ],
    nextAgenda: [
      { title: "Rapport från arbetsgruppen för barn och unga", kind: "information", presenter: "annika.berglund@example.se" },
      // Hässelby-Vällingby's agreement is revised every year.
      { title: "Årlig revidering av samverkansöverenskommelsen", kind: "beslut", presenter: "malin.eklund@example.se" },
    ],
  },
];

// ---------------------------------------------------------------------------
// Running it
// ---------------------------------------------------------------------------

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Minutes into the meeting at which things happen, so attendance and §§ line up. */
const AT = {
  attendance: 2,
  opening: 5,
  lagesbildDecision: 30,
  /** Between the two decisions. */
  leaving: 45,
  planDecision: 60,
  otherBusiness: 80,
  minutes: 95,
  closed: 105,
};

/** Days after the meeting at which the sekreterare and the justerare, then the chair approve (within the week the base seed assumes). */
const JUSTERARE_APPROVES_AFTER_DAYS = 2;
const CHAIR_APPROVES_DAYS_LATER = 1;

/**
 * Renders and stores a justerat meeting's protocol PDF as of `now`, as the app does at justering.
 * The server's archive does it (server/protocol/archive.ts `storeProtocol`); the caller passes it
 * in, because db/ imports nothing from server/.
 */
export type ArchiveProtocol = (db: Db, meetingId: number, now: Date) => Promise<void>;

/** Something to do at an instant; steps of all groups are run together in time order. */
export interface Step {
  at: Date;
  run: (archiveProtocol: ArchiveProtocol) => void | Promise<void>;
}

/**
 * Runs the latest meeting of each local styrgrupp for real and drafts the
 * agenda of its next one. Call once, right after the base seed, with its `now`.
 */
export async function seedDemoMeetingHistory(db: Db, now: Date, archiveProtocol: ArchiveProtocol): Promise<void> {
  // The featured meetings first: they take their meeting back to "planerat", so what is still
  // labelled "avslutat" or "justerat" afterwards is an earlier, routine meeting.
  const featured = meetingHistory.flatMap((seed) => stepsFor(db, seed, now));
  const steps = [...featured, ...routineMeetingSteps(db, now), ...significantEventSteps(db, now), ...chainReportSteps(db, now), ...actionPlanSteps(db, now)];
  // One timeline for all groups, so the audit log is in time order across
  // groups too. The sort is stable: steps at the same instant keep their order.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run(archiveProtocol);
}

function stepsFor(db: Db, seed: MeetingHistorySeed, now: Date): Step[] {
  const cast = castOf(db, seed);
  const { held, next } = featuredMeetings(db, cast.groupId, seed.group, now);

  // The base seed only labels past meetings "avslutat"/"justerat" without the
  // agenda, attendance and approvals behind the label. The domain verbs expect
  // a meeting to go through its lifecycle, so this one starts again as planned.
  db.update(meetings).set({ status: "planerat", lockedAt: null }).where(eq(meetings.id, held.id)).run();

  const year = stockholmYear(held.startsAt);
  const steps: Step[] = [];
  const run: FeaturedRun = {
    db,
    seed,
    cast,
    meetingId: held.id,
    owner: { groupId: cast.groupId, meetingId: held.id },
    clock: meetingClock(held.startsAt, now),
    year,
    content: seed.content(year),
    item: { opening: 0, lagesbild: 0, plan: 0, other: 0 },
    step: (when, act) => steps.push({ at: when, run: act }),
  };
  const { clock, meetingId, step } = run;
  const { chair, justerare, withRole } = cast;

  agendaDraftingSteps(run);
  heldMeetingSteps(run);
  const actionItemIds = actionItemSteps(run);
  closingSteps(run);
  justeringSteps(db, step, clock, meetingId, { secretary: withRole("sekreterare"), justerare, chair }, true, seed.group);
  if (seed.handsOverLagesbild) handOverStep(run);
  progressSteps(run, actionItemIds);
  if (seed.promise) promiseSteps(run, seed.promise);
  nextAgendaSteps(run, next.id, now);
  return steps;
}

/** Who acts in a featured meeting: the group's members, the chair who leads it, who keeps the attendance list, the justerare. */
function castOf(db: Db, seed: MeetingHistorySeed) {
  const group = db.select({ id: groups.id, agreementId: groups.agreementId }).from(groups).where(eq(groups.name, seed.group)).get();
  if (!group) throw new Error(`Demodata: gruppen ${seed.group} finns inte.`);
  const groupId = group.id;
  const members = membersOf(db, groupId);
  const member = (email: string) => {
    const found = members.find((m) => m.viewer.email === email);
    if (!found) throw new Error(`Demodata: ${email} är inte medlem i ${seed.group}.`);
    return found.viewer;
  };
  const withRole = (role: MemberRole) => members.find((m) => m.role === role)?.viewer;
  const chair = seed.chair ? member(seed.chair) : leadingChair(db, groupId, members, seed.group);
  // The secretary keeps the attendance list; a group without one leaves it to the chair.
  const secretary = withRole("sekreterare") ?? chair;
  const justerare = member(seed.justerare);
  return { groupId, agreementId: group.agreementId, members, member, withRole, chair, secretary, justerare };
}

/** A featured meeting being seeded: who acts, when, into which ärenden; `step` adds to its timeline. */
interface FeaturedRun {
  db: Db;
  seed: MeetingHistorySeed;
  cast: ReturnType<typeof castOf>;
  meetingId: number;
  owner: { groupId: number; meetingId: number };
  clock: ReturnType<typeof meetingClock>;
  year: number;
  content: ReturnType<MeetingHistorySeed["content"]>;
  /** The ids of its ärenden, known once the agenda step has run. */
  item: { opening: number; lagesbild: number; plan: number; other: number };
  step: (when: Date, run: Step["run"]) => void;
}

/** The group's latest held meeting and its next planned one. */
function featuredMeetings(db: Db, groupId: number, groupName: string, now: Date) {
  const held = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId), inArray(meetings.status, ["avslutat", "justerat"])))
    .orderBy(desc(meetings.startsAt))
    .limit(1)
    .get();
  const next = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId), eq(meetings.status, "planerat"), gt(meetings.startsAt, now.toISOString())))
    .orderBy(asc(meetings.startsAt))
    .limit(1)
    .get();
  if (!held || !next) throw new Error(`Demodata: ${groupName} saknar ett hållet och ett kommande möte.`);
  return { held, next };
}

/**
 * Three weeks before, the presenter writes the lägesbild's sections; a week before, the chair puts it up
 * for decision (which fixes it as a version and adds its ärende) and drafts the rest of the agenda; two
 * days before, the plan's proposed decision text is written. The lägesbild is thus decided the way users
 * decide it, and its fastställd version is the bilaga the § refers to.
 */
function agendaDraftingSteps({ db, seed, cast, meetingId, owner, clock, year: meetingYear, content, item, step }: FeaturedRun): void {
  const { chair, member } = cast;
  const { days } = clock;
  const year = seed.decidesPreviousYearsLagesbild ? meetingYear - 1 : meetingYear;
  const presenter = member(content.lagesbild.presenter);
  step(days(-21), () => writeDemoLagesbild(db, cast.agreementId, year, presenter, days(-21)));
  step(days(-7), () => {
    item.opening = addAgendaItem(db, chair, meetingId, { title: "Mötets öppnande och val av justerare", kind: "information", presenterId: chair.id }, days(-7));
    const picture = ensureSituationPicture(db, cast.agreementId, year, chair.id, days(-7));
    item.lagesbild = putUpForDecision(db, chair, { kind: "lagesbild", id: picture.id }, meetingId, days(-7)).agendaItemId;
    item.plan = addAgendaItem(db, chair, meetingId, { title: content.plan.title, kind: "beslut", presenterId: member(content.plan.presenter).id }, days(-7));
    item.other = addAgendaItem(db, chair, meetingId, { title: "Övriga frågor", kind: "diskussion", presenterId: null }, days(-7));
  });
  step(days(-2), () => {
    // The proposal to fastställa is written by putUpForDecision; the group's own addition follows it.
    appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: item.lagesbild }, owner, content.lagesbild.decision, days(-2));
    appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: item.plan }, owner, content.plan.decision, days(-2));
  });
}

/**
 * Demo text for a few sections, marked as example so that nothing reads as a statement about the real
 * district; the other sections keep their guidance (placeholder text) and stay utkast.
 */
const DEMO_SECTION_TEXT: Record<string, string[]> = {
  underlag: [
    "Exempel: underlaget är stadens trygghetsmätning, Stockholmsenkäten och polisens statistik över anmälda brott, samt anteckningar från medborgardialogerna under våren.",
  ],
  "gemensam-analys": [
    "Exempel: parterna är överens om att otryggheten är störst kvällstid kring två avgränsade platser, här kallade plats A och plats B.",
    "Exempel: båda parter ser ett behov av tidiga insatser för barn och unga.",
  ],
  "geografisk-analys": ["Exempel: plats A är ett torg med kollektivtrafik; plats B ett gångstråk mellan bostadsområden. Namnen är utelämnade i demon."],
};

/**
 * Of the priority-area sections, the first is written and one is marked "ej aktuellt", so the city-wide
 * overview shows each way a lägesbild can treat a priority area (the others are still missing).
 */
const DEMO_PRIORITY_TEXT = ["Exempel: unga i risk för kriminalitet ses framför allt kring plats A kvällstid; skolan och fältassistenterna ser samma grupp."];
const DEMO_NOT_APPLICABLE = "Exempel: inga kända fall i området under året; frågan följs av den stadsövergripande beredningsgruppen.";

function writeDemoLagesbild(db: Db, agreementId: number, year: number, writer: Viewer, at: Date): void {
  const picture = ensureSituationPicture(db, agreementId, year, writer.id, at);
  const prioritySections = listSections(db, picture.id).filter((s) => s.priorityAreaId !== null);
  const [firstPriority] = prioritySections;
  const notApplicable = prioritySections[prioritySections.length - 2];
  if (notApplicable) markSectionNotApplicable(db, writer, notApplicable.id, DEMO_NOT_APPLICABLE, at);
  for (const section of listSections(db, picture.id)) {
    const text = section.id === firstPriority?.id ? DEMO_PRIORITY_TEXT : DEMO_SECTION_TEXT[section.key];
    if (!text) continue;
    appendParagraphsOffline(db, { kind: "lagesbild_section", sectionId: section.id }, { agreementId }, text, at);
    setSectionStatus(db, writer, section.id, "klar", at);
  }
}

/** The meeting itself: started, attendance taken, justerare chosen, the two decisions with a member leaving between them, övriga frågor. */
function heldMeetingSteps({ db, seed, cast, meetingId, owner, clock, content, item, step }: FeaturedRun): void {
  const { members, member, chair, secretary, justerare } = cast;
  const { minutes } = clock;
  step(minutes(0), () => advanceMeetingStatus(db, chair, meetingId, "pagar", minutes(0)));
  step(minutes(AT.attendance), () => {
    for (const m of members) {
      const status = m.viewer.email === seed.absent ? "anmalt_forhinder" : "narvarande";
      setMemberAttendance(db, secretary, meetingId, m.viewer.id, { status, arrivedAt: null, leftAt: null }, minutes(AT.attendance));
    }
    if (seed.guest) addGuest(db, secretary, meetingId, seed.guest, minutes(AT.attendance));
  });
  step(minutes(AT.opening), () => {
    chooseJusterare(db, chair, meetingId, [justerare.id]);
    appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: item.opening }, owner, openingNotes(chair, justerare), minutes(AT.opening));
  });
  step(minutes(AT.lagesbildDecision), () => {
    appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: item.lagesbild }, owner, content.lagesbild.notes, minutes(AT.lagesbildDecision - 1));
    adoptDecision(db, chair, { agendaItemId: item.lagesbild, kind: "lagesbild" }, minutes(AT.lagesbildDecision));
  });
  if (seed.leavesEarly) {
    const leaver = member(seed.leavesEarly);
    step(minutes(AT.leaving), () =>
      setMemberAttendance(
        db,
        secretary,
        meetingId,
        leaver.id,
        { status: "narvarande", arrivedAt: null, leftAt: minutes(AT.leaving).toISOString() },
        minutes(AT.leaving),
      ),
    );
  }
  step(minutes(AT.planDecision), () => {
    appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: item.plan }, owner, content.plan.notes, minutes(AT.planDecision - 1));
    adoptDecision(db, chair, { agendaItemId: item.plan, kind: content.plan.kind }, minutes(AT.planDecision));
  });
  step(minutes(AT.otherBusiness), () =>
    appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: item.other }, owner, content.otherBusiness, minutes(AT.otherBusiness)),
  );
}

/** Each uppdrag is given right after the item it belongs to was dealt with. Returns their ids, filled in as the steps run. */
function actionItemSteps({ db, seed, cast, meetingId, clock, item, step }: FeaturedRun): number[] {
  const actionItemIds: number[] = [];
  seed.actionItems.forEach((a, i) => {
    const when = clock.minutes((a.under === null ? AT.otherBusiness : a.under === "lagesbild" ? AT.lagesbildDecision : AT.planDecision) + 2 + i);
    step(when, () => {
      const agendaItemId = a.under === null ? item.other : item[a.under];
      const dueOn = stockholmDate(new Date(clock.start + a.dueInDays * DAY_MS));
      actionItemIds[i] = createActionItem(db, cast.chair, meetingId, { title: a.title, ownerId: cast.member(a.owner).id, dueOn, agendaItemId }, when);
    });
  });
  return actionItemIds;
}

/** The general minutes are written, then the chair ends the meeting. */
function closingSteps({ db, cast, meetingId, owner, clock, content, step }: FeaturedRun): void {
  const { minutes } = clock;
  step(minutes(AT.minutes), () => appendParagraphsOffline(db, { kind: "minutes", meetingId }, owner, content.minutes, minutes(AT.minutes)));
  step(minutes(AT.closed), () => advanceMeetingStatus(db, cast.chair, meetingId, "avslutat", minutes(AT.closed)));
}

/** A few working days after the justering, the chair who led the meeting hands the decided lägesbild over. */
function handOverStep({ db, seed, cast, clock, year: meetingYear, step }: FeaturedRun): void {
  const when = clock.hoursInto(clock.workday(JUSTERARE_APPROVES_AFTER_DAYS + CHAIR_APPROVES_DAYS_LATER + 2), 3);
  const year = seed.decidesPreviousYearsLagesbild ? meetingYear - 1 : meetingYear;
  step(when, () => {
    const picture = ensureSituationPicture(db, cast.agreementId, year, cast.chair.id, when);
    handOver(db, cast.chair, { kind: "lagesbild", id: picture.id }, when);
  });
}

/** Afterwards the owners report progress on their uppdrag. */
function progressSteps({ db, seed, cast, clock, step }: FeaturedRun, actionItemIds: number[]): void {
  seed.actionItems.forEach((a, i) => {
    for (const change of a.changes) {
      const when = clock.hoursInto(clock.workday(change.afterDays), 3);
      step(when, () => setActionItemStatus(db, cast.member(a.owner), actionItemIds[i], change.status, when));
    }
  });
}

/** After the justering the chair adds the medborgarlöfte's activities; later the first one is followed up between meetings. */
function promiseSteps({ db, cast, clock, item, step }: FeaturedRun, promise: PromiseSeed): void {
  const activityIds: number[] = [];
  const addedAt = clock.hoursInto(clock.workday(JUSTERARE_APPROVES_AFTER_DAYS + CHAIR_APPROVES_DAYS_LATER + 1), 4);
  step(addedAt, () => {
    const decision = db.select({ id: decisions.id }).from(decisions).where(eq(decisions.agendaItemId, item.plan)).get();
    if (!decision) throw new Error("Demodata: medborgarlöftet saknar beslut.");
    for (const a of promise.activities) {
      const startsOn = stockholmDate(new Date(clock.start + a.startsInDays * DAY_MS));
      const endsOn = stockholmDate(new Date(clock.start + a.endsInDays * DAY_MS));
      activityIds.push(
        addPromiseActivity(db, cast.chair, decision.id, { title: a.title, responsiblePersonId: cast.member(a.responsible).id, startsOn, endsOn }, addedAt),
      );
    }
  });
  const { followUp } = promise;
  const reportedAt = clock.hoursInto(clock.workday(followUp.afterDays), 5);
  step(reportedAt, () => {
    reportPromiseFollowUp(db, cast.chair, activityIds[0], { status: followUp.status, rag: followUp.rag, comment: followUp.comment }, reportedAt);
  });
}

/**
 * Today: the chair drafts the next meeting's agenda. Open uppdrag are
 * followed up there, as createMeeting does for meetings made in the app
 * (the base seed inserted this meeting directly, so it has no such item).
 */
function nextAgendaSteps({ db, seed, cast, step }: FeaturedRun, nextMeetingId: number, now: Date): void {
  const { chair, member, groupId } = cast;
  step(now, () => {
    const add = (title: string, kind: AgendaItemKind, presenterId: number | null) => addAgendaItem(db, chair, nextMeetingId, { title, kind, presenterId }, now);
    add("Mötets öppnande och val av justerare", "information", chair.id);
    const hasFollowUp = listAgendaItems(db, nextMeetingId).some((i) => i.title === FOLLOW_UP_TITLE);
    if (!hasFollowUp && groupHasOpenActionItems(db, groupId)) add(FOLLOW_UP_TITLE, "information", null);
    for (const draft of seed.nextAgenda) add(draft.title, draft.kind, draft.presenter ? member(draft.presenter).id : null);
    add("Övriga frågor", "diskussion", null);
  });
}

// ---------------------------------------------------------------------------
// Routine meetings: every other held meeting of every group
// ---------------------------------------------------------------------------

/** What a routine meeting deals with, by kind of group; the texts claim nothing about real places. */
const routineContent: Record<GroupKind, { body: string; report: string; notes: string; decision: string }> = {
  styrgrupp: {
    body: "Styrgruppen",
    report: "Rapport från beredningsgruppen",
    notes:
      "Exempel: beredningsgruppen redovisade hur arbetet enligt åtgärdsplanen fortskrider och vilka frågor som behöver styrgruppens ställningstagande framöver.",
    decision: "Styrgruppen beslutar att lägga rapporten till handlingarna.",
  },
  beredningsgrupp: {
    body: "Beredningsgruppen",
    report: "Uppföljning av åtgärdsplanen",
    notes: "Exempel: arbetsgrupperna redovisade läget i sina åtgärder. Inga avvikelser från åtgärdsplanen behöver lyftas till styrgruppen.",
    decision: "Beredningsgruppen beslutar att lägga redovisningen till handlingarna och rapportera läget till styrgruppen vid dess nästa möte.",
  },
  arbetsgrupp: {
    body: "Arbetsgruppen",
    report: "Redovisning av pågående åtgärder",
    notes: "Exempel: deltagarna gick igenom de åtgärder som gruppen ansvarar för och vad som gjorts sedan förra mötet.",
    decision: "Arbetsgruppen beslutar att återkoppla redovisningen till beredningsgruppen.",
  },
};

/**
 * The base seed labels every held meeting "justerat" (or, the latest, "avslutat") without the
 * record behind the label. Each one still so labelled is run through the same verbs as the
 * featured meetings: all members present, a justerare, one § and, for "justerat", every
 * approval and the archived protocol. A latest "avslutat" meeting gets the sekreterare's and
 * the justerare's approvals only, so it waits for the chair's.
 */
function routineMeetingSteps(db: Db, now: Date): Step[] {
  const labelled = db
    .select({ meeting: meetings, groupKind: groups.kind, groupName: groups.name })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(inArray(meetings.status, ["avslutat", "justerat"]))
    .orderBy(asc(meetings.startsAt))
    .all();
  return labelled.flatMap(({ meeting, groupKind, groupName }) => {
    const members = membersOf(db, meeting.groupId);
    const chair = leadingChair(db, meeting.groupId, members, groupName);
    // A ledamot, else the co-chair who does not lead the meeting.
    const justerare = (members.find((m) => m.role === "ledamot") ?? members.find((m) => m.role === "ordforande" && m.viewer.id !== chair.id))?.viewer;
    if (!justerare) throw new Error(`Demodata: ${groupName} saknar någon som kan justera.`);
    const secretary = members.find((m) => m.role === "sekreterare")?.viewer ?? chair;
    const approved = meeting.status === "justerat";
    db.update(meetings).set({ status: "planerat", lockedAt: null }).where(eq(meetings.id, meeting.id)).run();

    const content = routineContent[groupKind];
    const meetingId = meeting.id;
    const owner = { groupId: meeting.groupId, meetingId };
    const clock = meetingClock(meeting.startsAt, now);
    const { minutes, days } = clock;
    const item = { opening: 0, report: 0, other: 0 };
    const steps: Step[] = [];
    const step = (when: Date, run: Step["run"]) => steps.push({ at: when, run });

    step(days(-7), () => {
      item.opening = addAgendaItem(
        db,
        chair,
        meetingId,
        { title: "Mötets öppnande och val av justerare", kind: "information", presenterId: chair.id },
        days(-7),
      );
      item.report = addAgendaItem(db, chair, meetingId, { title: content.report, kind: "beslut", presenterId: secretary.id }, days(-7));
      item.other = addAgendaItem(db, chair, meetingId, { title: "Övriga frågor", kind: "diskussion", presenterId: null }, days(-7));
      appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: item.report }, owner, [content.decision], days(-7));
    });
    step(minutes(0), () => advanceMeetingStatus(db, chair, meetingId, "pagar", minutes(0)));
    step(minutes(AT.attendance), () => {
      const present = { status: "narvarande", arrivedAt: null, leftAt: null } as const;
      for (const m of members) setMemberAttendance(db, secretary, meetingId, m.viewer.id, present, minutes(AT.attendance));
    });
    step(minutes(AT.opening), () => {
      chooseJusterare(db, chair, meetingId, [justerare.id]);
      appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: item.opening }, owner, openingNotes(chair, justerare), minutes(AT.opening));
    });
    step(minutes(AT.lagesbildDecision), () => {
      appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: item.report }, owner, [content.notes], minutes(AT.lagesbildDecision - 1));
      adoptDecision(db, chair, { agendaItemId: item.report, kind: "ovrigt" }, minutes(AT.lagesbildDecision));
    });
    step(minutes(AT.otherBusiness), () => {
      appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: item.other }, owner, ["Inga övriga frågor."], minutes(AT.otherBusiness));
      const minutesText = [`${secretary.name} förde protokollet.`, "Nästa möte hålls enligt utsänd kallelse."];
      appendParagraphsOffline(db, { kind: "minutes", meetingId }, owner, minutesText, minutes(AT.otherBusiness));
    });
    step(minutes(AT.closed), () => advanceMeetingStatus(db, chair, meetingId, "avslutat", minutes(AT.closed)));

    justeringSteps(db, step, clock, meetingId, { secretary: members.find((m) => m.role === "sekreterare")?.viewer, justerare, chair }, approved, groupName);
    return steps;
  });
}

/**
 * Justering: the sekreterare, who wrote the protocol, first (when the group has one), then the justerare,
 * then, when `lock`, the chair, whose approval locks the minutes; the approved protocol is archived at once,
 * as the app does. The chair's day counts from the justerare's, so a weekend cannot put it first. Without
 * `lock` the minutes wait for the chair's approval.
 */
function justeringSteps(
  db: Db,
  step: (when: Date, run: Step["run"]) => void,
  clock: ReturnType<typeof meetingClock>,
  meetingId: number,
  signers: { secretary: Viewer | undefined; justerare: Viewer; chair: Viewer },
  lock: boolean,
  groupName: string,
): void {
  const { secretary, justerare, chair } = signers;
  const justerareDay = clock.workday(JUSTERARE_APPROVES_AFTER_DAYS);
  const secretaryApproves = clock.hoursInto(justerareDay, 4);
  const justerareApproves = clock.hoursInto(justerareDay, 6);
  if (secretary && secretary.id !== justerare.id) step(secretaryApproves, () => void approveMinutes(db, secretary, meetingId, secretaryApproves));
  step(justerareApproves, () => void approveMinutes(db, justerare, meetingId, justerareApproves));
  if (!lock) return;
  const chairApproves = clock.hoursInto(clock.workday(justerareDay + CHAIR_APPROVES_DAYS_LATER), 2);
  step(chairApproves, async (archiveProtocol) => {
    if (!approveMinutes(db, chair, meetingId, chairApproves)) throw new Error(`Demodata: protokollet för ${groupName} blev inte justerat.`);
    await archiveProtocol(db, meetingId, chairApproves);
  });
}

/**
 * Instants relative to a meeting's start, never after the moment of seeding (a safety net:
 * the offsets used are far shorter than the base seed's meeting distances).
 */
function meetingClock(startsAt: string, now: Date) {
  const start = new Date(startsAt).getTime();
  const at = (ms: number) => new Date(Math.min(start + ms, now.getTime()));
  return {
    start,
    at,
    minutes: (n: number) => at(n * MINUTE_MS),
    days: (n: number) => at(n * DAY_MS),
    /** People approve minutes and report on uppdrag on working days. */
    workday: (afterDays: number) => workdayOnOrAfter(start, afterDays),
    hoursInto: (day: number, hours: number) => at(day * DAY_MS + hours * 60 * MINUTE_MS),
  };
}

/** What the secretary notes under "Mötets öppnande och val av justerare". */
function openingNotes(chair: Viewer, justerare: Viewer): string[] {
  return [
    `Ordföranden ${chair.name} förklarade mötet öppnat.`,
    `${justerare.name} valdes att jämte ordföranden justera dagens protokoll.`,
    "Dagordningen godkändes.",
  ];
}

/** The group's first ordförande (the city's co-chair), who leads its meetings in the demo unless a seed says otherwise. */
function leadingChair(db: Db, groupId: number, members: { viewer: Viewer }[], groupName: string): Viewer {
  const first = groupChairs(db, groupId)[0];
  const chair = members.find((m) => m.viewer.id === first?.personId)?.viewer;
  if (!chair) throw new Error(`Demodata: gruppen ${groupName} saknar ordförande.`);
  return chair;
}

/** The group's members as viewers (to act as them) with their role. */
function membersOf(db: Db, groupId: number): { viewer: Viewer; role: MemberRole }[] {
  return db
    .select({ id: people.id, name: people.name, email: people.email, isAdmin: people.isAdmin, role: memberships.role })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.groupId, groupId))
    .orderBy(asc(people.name))
    .all()
    .map(({ role, ...viewer }) => ({ viewer, role }));
}

/** `days`, or more when that day after `start` falls on a weekend: the Monday after it. */
function workdayOnOrAfter(start: number, days: number): number {
  let result = days;
  while ([0, 6].includes(stockholmDayOfWeek(new Date(start + result * DAY_MS)))) result++;
  return result;
}
