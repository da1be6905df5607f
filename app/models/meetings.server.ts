import { getDb, type Db } from "../../db/client";
import { readDocumentText } from "../../db/documents/store";
import { documentName, type DocumentRef } from "../../db/domain/document-names";
import { planRowChoicesOfGroup } from "../../db/queries/action-plan-page";
import { assigneeGroupChoices, listMeetingActionItems, listOpenActionItemsOfGroup, createActionItem, setActionItemStatus } from "../../db/queries/action-items";
import { addAgendaItem, listAgendaItems, moveAgendaItem, removeAgendaItem } from "../../db/queries/agenda";
import { dealWithItem } from "../../db/queries/paragraphs";
import { filesOfMeeting, removeFile } from "../../db/queries/files";
import {
  addGuest,
  listAttendance,
  markAllInvitedPresent,
  missingFunctionsAt,
  saveAttendanceList,
  setGuestAttendance,
  setMemberAttendance,
  type AttendanceListEntry,
} from "../../db/queries/attendance";
import { adoptDecision, approveDecisionImmediately, listDecisionRegister, listMeetingDecisions } from "../../db/queries/decisions";
import { versionsOfItems } from "../../db/queries/steering-documents";
import { archiveDecidedVersionOf } from "./steering.server";
import { refusalFrom } from "./domain-errors.server";
import { notFound } from "../utils/http.server";
import {
  addAddendum,
  advanceMeetingStatus,
  approveMinutes,
  canReopenMeeting,
  cancelMeeting,
  editMeeting,
  chooseJusterare,
  commentOnMinutes,
  listAddenda,
  listApprovers,
  reopenMeeting,
  startsMoreThanADayEarly,
} from "../../db/queries/meeting-lifecycle";
import { ConflictError, NotFoundError } from "../../db/queries/errors";
import { nextSteeringMeeting, prepareForSteering, preparationOf } from "../../db/queries/preparation";
import { steeringGroupPreparedFor } from "../../db/queries/group-chain";
import { promiseActivitiesForMeeting } from "../../db/queries/citizen-promises";
import { reportFollowUpFromForm } from "./citizen-promises.server";
import { formatLongDate } from "../utils/format";
import { kallelseSent, sendKallelse } from "../../db/queries/meeting-notices";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import { adoptedDecisionElementId, agendaItemHeadingId, moveButtonId } from "../utils/meeting-anchors";
import { groupChairs, meetingChair, setMeetingChair, signingChairId } from "../../db/queries/meeting-chair";
import { meetingContext, requireRunning } from "../../db/queries/meeting-rights";
import { getMeetingForViewer } from "../../db/queries/meetings";
import { meetingSharePanel, revokeMeetingShare, shareMeeting } from "../../db/queries/meeting-shares";
import type { Viewer } from "../../db/queries/sessions";
import { paragraphOutcomes } from "../../db/domain/enums";
import { statusStepsByHand } from "../../db/domain/meeting-status";
import { paragraphLabel } from "../../db/domain/labels";
import { stockholmTimeOnDay } from "../../db/domain/stockholm-time";
import { parseForm, type FieldErrors } from "../utils/forms";
import {
  ActionItemSchema,
  ActionItemStatusSchema,
  AgendaItemSchema,
  AttendanceSchema,
  CancelMeetingSchema,
  DecisionSchema,
  EditMeetingSchema,
  GuestSchema,
  IdSchema,
  JusterareSchema,
} from "../utils/validation";
import { meetingInstants } from "../utils/meeting-times";
import { isProtocolRenderError, storeProtocol } from "./protocol.server";
import { z } from "zod";

/** Everything the meeting page shows, or null when the viewer may not see the meeting. */
export function getMeetingPage(viewer: Viewer, meetingId: number, now = new Date()) {
  const db = getDb();
  const meeting = getMeetingForViewer(db, viewer, meetingId);
  const context = meetingContext(db, viewer, meetingId);
  if (!meeting || !context) return null;
  const attendance = listAttendance(db, meetingId, meeting.groupId);
  // Before the meeting, "missing" compares with the planned start; during it, with now.
  const at = meeting.status === "planerat" ? meeting.startsAt : now.toISOString();
  const agenda = listAgendaItems(db, meetingId);
  return {
    meeting,
    rights: {
      canRun: context.canRun,
      canEdit: context.canEdit,
      locked: context.locked,
      role: context.role,
      // Read through a share with the viewer's beredningsgrupp: the page says so and leads back to that group.
      sharedWith: context.sharedWith,
      canReopen: canReopenMeeting(db, context),
      kallelseSent: kallelseSent(db, meetingId),
      // Starting a meeting planned for a later day is likely a mistake: the page asks first.
      startAsksFirst: meeting.status === "planerat" && startsMoreThanADayEarly(meeting.startsAt, now),
    },
    agenda,
    // A justerat or inställt meeting's texts no longer change: the page shows them as plain text, with no live connection.
    documentTexts: context.locked || meeting.status === "installt" ? finalTexts(db, meetingId, agenda) : null,
    attendance,
    missingFunctions: missingFunctionsAt(db, meeting.groupId, attendance, at),
    decisions: listMeetingDecisions(db, meetingId),
    actionItems: listMeetingActionItems(db, viewer, meetingId, now),
    // What a new uppdrag may serve ("Hör till åtgärd"): the live rows of the group's agreement's åtgärdsplan.
    planRows: context.canEdit ? planRowChoicesOfGroup(db, meeting.groupId) : [],
    // Whom else an uppdrag may go to: the members of the agreement's other groups.
    assigneeGroups: context.canEdit ? assigneeGroupChoices(db, meeting.groupId) : [],
    // "Dela med beredningsgruppen": for the styrgrupp's chair or secretary, its beredningsgrupp and whether it reads the meeting now.
    shares: context.canRun ? meetingSharePanel(db, meetingId, meeting.groupId) : [],
    // A beredningsgrupp's ärenden may be prepared for its styrgrupp's next meeting.
    preparation: preparationPanel(db, context.canRun, meeting.groupId, agenda, now),
    // What is still open from earlier meetings; an approved meeting's record shows none (they are today's).
    followUp: context.locked ? [] : listOpenActionItemsOfGroup(db, viewer, meeting.groupId, now).filter((item) => item.meetingId !== meetingId),
    // A lokal styrgrupp follows up its medborgarlöften's activities at each meeting (none once the record is justerat).
    promiseFollowUp: context.locked ? null : promiseActivitiesForMeeting(db, viewer, meetingId),
    approvers: listApprovers(db, meetingId),
    // The group's ordförande (one per party when it is led jointly), of whom one leads the meeting.
    chairs: groupChairs(db, meeting.groupId),
    leadingChair: meetingChair(db, meetingId),
    // Who signs as ordförande, so is not offered as justerare.
    signingChairId: signingChairId(db, meetingId, meeting.groupId),
    addenda: listAddenda(db, meetingId),
    // Handlingar of the ärenden and bilagor of the decisions (the viewer may see the meeting: checked above).
    files: filesOfMeeting(db, meetingId),
    // The lägesbild or åtgärdsplan versions the ärenden put up for decision (and, once decided, link as bilaga).
    itemVersions: versionsOfItems(
      db,
      agenda.map((item) => item.id),
    ),
    // Earlier decisions of the group, which a new decision may correct.
    groupDecisions: context.canRun
      ? listDecisionRegister(db, viewer, { groupId: meeting.groupId }).map((d) => ({ id: d.id, number: d.number, year: d.year, title: d.title }))
      : [],
  };
}

/** The plain text of each of the meeting's live documents, by document name (paragraphs as lines). */
function finalTexts(db: Db, meetingId: number, agenda: { id: number }[]): Record<string, string> {
  const refs: DocumentRef[] = [
    { kind: "agenda", meetingId },
    { kind: "minutes", meetingId },
    ...agenda.flatMap((item): DocumentRef[] => [
      { kind: "agenda_item_notes", agendaItemId: item.id },
      { kind: "decision_text", agendaItemId: item.id },
    ]),
  ];
  return Object.fromEntries(refs.map((ref) => [documentName(ref), readDocumentText(db, documentName(ref))]));
}

/**
 * For a beredningsgrupp's meeting: the styrgrupp its ärenden are prepared for, that group's next planned
 * meeting (where a prepared ärende goes), whether the viewer may prepare, and where each ärende already went.
 */
function preparationPanel(db: Db, canRun: boolean, groupId: number, agenda: { id: number }[], now: Date) {
  const steering = steeringGroupPreparedFor(db, groupId);
  if (!steering) return null;
  const preparedTo = Object.fromEntries(
    agenda.flatMap((item) => {
      const prepared = preparationOf(db, item.id);
      return prepared ? [[item.id, { startsAt: prepared.startsAt, groupName: prepared.groupName }]] : [];
    }),
  );
  return { steeringName: steering.name, nextMeetingStartsAt: nextSteeringMeeting(db, steering.id, now)?.startsAt ?? null, mayPrepare: canRun, preparedTo };
}

/**
 * A refusal carries its HTTP status: 404 when what it names does not exist or is not the viewer's to see.
 * A refusal of an ärende's own buttons (move, remove, behandlat/bordlägg/utgår) or of its decision form names the
 * ärende (`itemId`), so the page shows it in that ärende only.
 * `focusId` names what the page moves focus to after the action (the § just adopted, the ärende just added, the
 * "Flytta upp" just pressed); `fallbackFocusId` what it moves to when that one cannot take focus (the ärende
 * moved to the top, where "Flytta upp" is disabled: its "Flytta ned").
 */
export type MeetingActionResult =
  | { ok: true; message: string; focusId?: string; fallbackFocusId?: string }
  | { ok: false; fieldErrors: FieldErrors; intent: string; status: 200 | 404; itemId?: number; fileId?: number };

/**
 * Steps that cannot simply be undone are taken only with the confirmation the
 * page asks for; without it (a post from a page without JavaScript, or made by
 * hand) the server refuses and the page asks the question instead.
 */
function requireConfirmation(form: FormData, question: string): void {
  if (form.get(CONFIRM_FIELD) !== CONFIRM_VALUE) throw new ConflictError(question, CONFIRM_FIELD);
}

const StatusSchema = z.object({ to: z.enum(statusStepsByHand) });
const MoveSchema = z.object({ itemId: IdSchema, direction: z.enum(["up", "down"]) });
const ItemSchema = z.object({ itemId: IdSchema });
const OutcomeSchema = z.object({ itemId: IdSchema, outcome: z.enum(paragraphOutcomes) });
const MemberAttendanceSchema = AttendanceSchema.extend({ personId: IdSchema });
const GuestAttendanceSchema = AttendanceSchema.extend({ attendanceId: IdSchema });
const DecisionIdSchema = z.object({ decisionId: IdSchema });
const FileIdSchema = z.object({ fileId: IdSchema });
const ChairSchema = z.object({ chairedBy: IdSchema });
const ShareSchema = z.object({ groupId: IdSchema });
const CommentSchema = z.object({ comment: z.string().trim().min(1, { error: "Skriv en kommentar." }).max(2000, { error: "Högst 2000 tecken." }) });
const AddendumSchema = z.object({ addendum: z.string().trim().min(1, { error: "Skriv tillägget." }).max(5000, { error: "Högst 5000 tecken." }) });

/** What an intent's handler answers when it is done: the message, or the message and where focus goes. */
type Done = string | { message: string; focusId: string; fallbackFocusId?: string };

/** What every intent's handler gets: who posts, the meeting they see, the form, and how to parse it and answer. */
interface ActionContext {
  db: Db;
  viewer: Viewer;
  meetingId: number;
  meeting: NonNullable<ReturnType<typeof getMeetingForViewer>>;
  form: FormData;
  /** Parses the form with `schema` and acts on it; fields the schema refuses are answered next to each field. */
  run: <S extends z.ZodType>(schema: S, act: (data: z.infer<S>) => Done) => MeetingActionResult;
  fail: (fieldErrors: FieldErrors) => MeetingActionResult;
  /** A posted "HH:MM" as the instant on the meeting's day (Stockholm time); empty stays null. */
  timeOnMeetingDay: (time: string | null) => string | null;
}

type ActionHandler = (context: ActionContext) => MeetingActionResult | Promise<MeetingActionResult>;

/** The meeting itself: start and end, time and place, cancelling, who leads it, reopening. */
const meetingIntents: Record<string, ActionHandler> = {
  status: ({ db, viewer, meetingId, meeting, form, run }) =>
    run(StatusSchema, ({ to }) => {
      if (to === "avslutat") requireConfirmation(form, "Bekräfta att mötet ska avslutas.");
      if (to === "pagar" && startsMoreThanADayEarly(meeting.startsAt)) {
        // Someone who may not start the meeting is told so, not asked a question they cannot answer.
        requireRunning(db, viewer, meetingId);
        requireConfirmation(form, "Mötet är planerat till en senare dag. Bekräfta att det ska starta nu.");
      }
      advanceMeetingStatus(db, viewer, meetingId, to);
      return to === "pagar" ? "Mötet har startat." : "Mötet är avslutat.";
    }),
  "edit-meeting": ({ db, viewer, meetingId, run }) =>
    run(EditMeetingSchema, (input) => {
      editMeeting(db, viewer, meetingId, { ...meetingInstants(input), location: input.location, videoLink: input.videoLink });
      return "Mötets tid och plats är sparade.";
    }),
  "cancel-meeting": ({ db, viewer, meetingId, form, run }) => {
    requireRunning(db, viewer, meetingId);
    requireConfirmation(form, "Bekräfta att mötet ska ställas in.");
    return run(CancelMeetingSchema, ({ reason }) => {
      cancelMeeting(db, viewer, meetingId, reason);
      return "Mötet är inställt.";
    });
  },
  "send-kallelse": ({ db, viewer, meetingId }) => {
    const told = sendKallelse(db, viewer, meetingId);
    return { ok: true, message: `Kallelsen är skickad till ${told} ${told === 1 ? "person" : "personer"}.` };
  },
  "meeting-chair": ({ db, viewer, meetingId, run }) =>
    run(ChairSchema, ({ chairedBy }) => {
      setMeetingChair(db, viewer, meetingId, chairedBy);
      return "Mötesordföranden är ändrad.";
    }),
  reopen: ({ db, viewer, meetingId }) => {
    reopenMeeting(db, viewer, meetingId);
    return { ok: true, message: "Mötet är återöppnat och pågår igen." };
  },
  "share-meeting": ({ db, viewer, meetingId, form, run }) =>
    run(ShareSchema, ({ groupId }) => {
      // Someone who may not share is told so, not asked a question they cannot answer.
      requireRunning(db, viewer, meetingId);
      requireConfirmation(form, "Bekräfta att mötet ska delas med beredningsgruppen.");
      shareMeeting(db, viewer, meetingId, groupId);
      return "Mötet är delat med beredningsgruppen. Dess medlemmar kan nu läsa mötet, handlingarna och protokollet.";
    }),
  "revoke-share": ({ db, viewer, meetingId, run }) =>
    run(ShareSchema, ({ groupId }) => {
      revokeMeetingShare(db, viewer, meetingId, groupId);
      return "Mötet delas inte längre med beredningsgruppen.";
    }),
};

/** The dagordning: adding, moving and removing ärenden, and dealing with one (behandlat, bordlagt, utgår). */
const agendaIntents: Record<string, ActionHandler> = {
  "add-item": ({ db, viewer, meetingId, run }) =>
    run(AgendaItemSchema, (item) => {
      const id = addAgendaItem(db, viewer, meetingId, item);
      return { message: `Ärendet ”${item.title}” är tillagt.`, focusId: agendaItemHeadingId(id) };
    }),
  "move-item": ({ db, viewer, run }) =>
    run(MoveSchema, ({ itemId, direction }) => {
      moveAgendaItem(db, viewer, itemId, direction);
      const other = direction === "up" ? "down" : "up";
      return { message: "Dagordningen är ändrad.", focusId: moveButtonId(itemId, direction), fallbackFocusId: moveButtonId(itemId, other) };
    }),
  "remove-item": ({ db, viewer, run }) =>
    run(ItemSchema, ({ itemId }) => {
      removeAgendaItem(db, viewer, itemId);
      return "Ärendet är borttaget.";
    }),
  "prepare-item": async ({ db, viewer, meetingId, form, fail }) => {
    const parsed = parseForm(ItemSchema, form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    if (!listAgendaItems(db, meetingId).some((item) => item.id === parsed.data.itemId)) throw new NotFoundError();
    const prepared = await prepareForSteering(db, viewer, parsed.data.itemId);
    return {
      ok: true,
      message: `Ärendet är berett till ${prepared.steeringName}, mötet ${formatLongDate(prepared.startsAt)}.`,
      focusId: agendaItemHeadingId(parsed.data.itemId),
    };
  },
  "remove-file": ({ db, viewer, form, run }) =>
    run(FileIdSchema, ({ fileId }) => {
      requireConfirmation(form, "Bekräfta att filen ska tas bort ur listan.");
      removeFile(db, viewer, fileId);
      return "Filen är borttagen ur listan.";
    }),
  "deal-with-item": ({ db, viewer, run }) =>
    run(OutcomeSchema, ({ itemId, outcome }) => {
      const { number, year } = dealWithItem(db, viewer, itemId, outcome);
      const label = paragraphLabel(number, year);
      const message = {
        behandlat: `Ärendet är behandlat som ${label}.`,
        bordlagt: `Ärendet är bordlagt (${label}) och förs till nästa möte när mötet avslutas.`,
        utgar: `Ärendet utgår (${label}) och förs till nästa möte när mötet avslutas.`,
      }[outcome];
      return { message, focusId: agendaItemHeadingId(itemId) };
    }),
};

/** Närvaro: one member or guest, the whole list, everyone invited at once, and adding a guest. */
const attendanceIntents: Record<string, ActionHandler> = {
  "member-attendance": ({ db, viewer, meetingId, run, timeOnMeetingDay }) =>
    run(MemberAttendanceSchema, ({ personId, status, arrivedAt, leftAt }) => {
      setMemberAttendance(db, viewer, meetingId, personId, { status, arrivedAt: timeOnMeetingDay(arrivedAt), leftAt: timeOnMeetingDay(leftAt) });
      return "Närvaron är sparad.";
    }),
  "attendance-list": ({ db, viewer, meetingId, form, fail, timeOnMeetingDay }) => {
    const parsed = parseAttendanceList(form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    const entries = parsed.entries.map((e) => ({ ...e, arrivedAt: timeOnMeetingDay(e.arrivedAt), leftAt: timeOnMeetingDay(e.leftAt) }));
    const changed = saveAttendanceList(db, viewer, meetingId, entries);
    return { ok: true, message: changed === 0 ? "Närvaron är oförändrad." : `Närvaron är sparad (${changed} ${changed === 1 ? "ändring" : "ändringar"}).` };
  },
  "mark-all-present": ({ db, viewer, meetingId }) => {
    const marked = markAllInvitedPresent(db, viewer, meetingId);
    return {
      ok: true,
      message:
        marked === 0
          ? "Alla kallade var redan markerade."
          : marked === 1
            ? "1 kallad är markerad som närvarande."
            : `${marked} kallade är markerade som närvarande.`,
    };
  },
  "guest-attendance": ({ db, viewer, meetingId, run, timeOnMeetingDay }) =>
    run(GuestAttendanceSchema, ({ attendanceId, status, arrivedAt, leftAt }) => {
      setGuestAttendance(db, viewer, meetingId, attendanceId, { status, arrivedAt: timeOnMeetingDay(arrivedAt), leftAt: timeOnMeetingDay(leftAt) });
      return "Närvaron är sparad.";
    }),
  "add-guest": ({ db, viewer, meetingId, run }) =>
    run(GuestSchema, (guest) => {
      addGuest(db, viewer, meetingId, guest);
      return `${guest.name} är tillagd som adjungerad.`;
    }),
};

/** Decisions (adopting one, omedelbar justering of its §) and the uppdrag given at the meeting. */
const decisionIntents: Record<string, ActionHandler> = {
  adopt: async ({ db, viewer, form, fail }) => {
    const parsed = parseForm(DecisionSchema, form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    const { sentBack, ...input } = parsed.data;
    const { id, number, year } = adoptDecision(db, viewer, { ...input, sentBack: sentBack === "ja" });
    // A fastställd lägesbild or åtgärdsplan version is archived as PDF/A now; the decision stands either way.
    const archived = await archiveDecidedVersionOf(input.agendaItemId);
    const message = `Beslutet är fattat som ${paragraphLabel(number, year)}.${archived ? ` ${archived}` : ""}`;
    return { ok: true, message, focusId: adoptedDecisionElementId(id) };
  },
  "approve-paragraph": ({ db, viewer, run }) =>
    run(DecisionIdSchema, ({ decisionId }) =>
      approveDecisionImmediately(db, viewer, decisionId) ? "Paragrafen är omedelbart justerad." : "Ditt godkännande är registrerat.",
    ),
  "add-action": ({ db, viewer, meetingId, run }) =>
    run(ActionItemSchema, (input) => {
      createActionItem(db, viewer, meetingId, input);
      return "Uppdraget är tillagt.";
    }),
  "promise-follow-up": ({ viewer, meetingId, form }) => {
    reportFollowUpFromForm(viewer, form, meetingId);
    return { ok: true, message: "Uppföljningen av aktiviteten är rapporterad." };
  },
  "action-status": ({ db, viewer, run }) =>
    run(ActionItemStatusSchema, ({ actionItemId, status }) => {
      setActionItemStatus(db, viewer, actionItemId, status);
      return "Uppdraget är uppdaterat.";
    }),
};

/** Justering: choosing the justerare, comments, the approval that locks the minutes, and dated tillägg afterwards. */
const justeringIntents: Record<string, ActionHandler> = {
  justerare: ({ db, viewer, meetingId, run }) =>
    run(JusterareSchema, ({ justerare }) => {
      chooseJusterare(db, viewer, meetingId, justerare);
      return "Justerare är valda.";
    }),
  comment: ({ db, viewer, meetingId, run }) =>
    run(CommentSchema, ({ comment }) => {
      commentOnMinutes(db, viewer, meetingId, comment);
      return "Kommentaren är sparad.";
    }),
  addendum: ({ db, viewer, meetingId, run }) =>
    run(AddendumSchema, ({ addendum }) => {
      addAddendum(db, viewer, meetingId, addendum);
      return "Tillägget är sparat.";
    }),
  "approve-minutes": async ({ db, viewer, meetingId, form }) => {
    requireConfirmation(form, "Bekräfta att du justerar protokollet.");
    const complete = approveMinutes(db, viewer, meetingId);
    if (!complete) return { ok: true, message: pendingApprovalMessage(meetingId) };
    return { ok: true, message: await archiveAfterJustering(meetingId) };
  },
};

/** Every intent the meeting page posts (a Map, so a posted name like "constructor" is no handler). */
const meetingActions = new Map<string, ActionHandler>(
  Object.entries({ ...meetingIntents, ...agendaIntents, ...attendanceIntents, ...decisionIntents, ...justeringIntents }),
);

/**
 * The meeting page's form actions, by intent. Each parses its fields with zod
 * and calls one domain verb, which checks the viewer's rights itself.
 */
export async function handleMeetingAction(viewer: Viewer, meetingId: number, form: FormData): Promise<MeetingActionResult> {
  const db = getDb();
  const intent = String(form.get("intent") ?? "");
  // The decision form names its ärende "agendaItemId" (the uppdrag form's field of that name is only a choice, not what it acts on).
  const postedItemId = IdSchema.safeParse(form.get(intent === "adopt" ? "agendaItemId" : "itemId")).data;
  // Only a refusal about an ärende the viewer sees names it: a 404 says the same whatever id was posted.
  const fail = (fieldErrors: FieldErrors, status: 200 | 404 = 200): MeetingActionResult => ({
    ok: false,
    fieldErrors,
    intent,
    status,
    itemId: status === 200 ? postedItemId : undefined,
    // Which file's removal the page asks to confirm (a post without JavaScript).
    fileId: intent === "remove-file" ? IdSchema.safeParse(form.get("fileId")).data : undefined,
  });
  const run: ActionContext["run"] = (schema, act) => {
    const parsed = parseForm(schema, form);
    if (!parsed.ok) return fail(parsed.fieldErrors);
    const done = act(parsed.data);
    return typeof done === "string" ? { ok: true, message: done } : { ok: true, ...done };
  };
  const meeting = getMeetingForViewer(db, viewer, meetingId);
  if (!meeting) throw notFound();
  const timeOnMeetingDay = (time: string | null) => (time ? stockholmTimeOnDay(meeting.startsAt, time) : null);

  const handler = meetingActions.get(intent);
  if (!handler) return fail({ form: "Okänd åtgärd." });
  try {
    return await handler({ db, viewer, meetingId, meeting, form, run, fail, timeOnMeetingDay });
  } catch (error) {
    const { fieldErrors, status } = refusalFrom(error);
    return fail(fieldErrors, status);
  }
}

/**
 * The whole-list attendance form: a `row` field per row ("p12", "g5") and that
 * row's `status:p12`, `arrivedAt:p12`, `leftAt:p12`. A row left "Ej markerad"
 * without times is not saved; every refusal is named by its row's own field.
 */
function parseAttendanceList(form: FormData): { ok: true; entries: AttendanceListEntry[] } | { ok: false; fieldErrors: FieldErrors } {
  const entries: AttendanceListEntry[] = [];
  const fieldErrors: FieldErrors = {};
  for (const key of new Set(form.getAll("row").map(String))) {
    const match = /^(p|g)([1-9]\d{0,9})$/.exec(key);
    if (!match) return { ok: false, fieldErrors: { form: "Närvarolistan är ofullständig. Ladda om sidan och försök igen." } };
    const field = (name: string) => String(form.get(`${name}:${key}`) ?? "");
    if (!field("status") && !field("arrivedAt") && !field("leftAt")) continue;
    const parsed = AttendanceSchema.safeParse({ status: field("status"), arrivedAt: field("arrivedAt"), leftAt: field("leftAt") });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fieldErrors[`${String(issue.path[0])}:${key}`] ??= issue.message;
      continue;
    }
    const id = Number(match[2]);
    entries.push(match[1] === "p" ? { ...parsed.data, personId: id } : { ...parsed.data, guestId: id });
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, entries };
}

/** After an approval that did not lock: who must still approve, and whether it is because the record changed since they did. */
function pendingApprovalMessage(meetingId: number): string {
  const voided = listApprovers(getDb(), meetingId).filter((a) => a.approval === "voided");
  if (voided.length === 0) return "Ditt godkännande är registrerat.";
  const names = voided.map((a) => a.name).join(" och ");
  return `Ditt godkännande är registrerat. Protokollet har ändrats sedan ${names} justerade, så det låses först när ${voided.length === 1 ? "hen" : "de"} har justerat igen.`;
}

/**
 * The justering itself is done and the minutes are locked whatever happens
 * here. When the protocol cannot be rendered now (busy, too slow), saying so
 * is honest and nothing is lost: the protocol is archived when it is first
 * fetched (see protocolPdfFor).
 */
async function archiveAfterJustering(meetingId: number): Promise<string> {
  try {
    await storeProtocol(meetingId);
    return "Protokollet är justerat och låst.";
  } catch (error) {
    if (!isProtocolRenderError(error)) throw error;
    return "Protokollet är justerat och låst, men PDF-protokollet kunde inte arkiveras just nu. Det arkiveras när någon hämtar protokollet.";
  }
}
