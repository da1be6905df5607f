/**
 * Closed vocabularies of the domain, declared once and shared by the
 * Drizzle schema (text columns with `enum`) and the zod validators.
 * Values are stable identifiers; Swedish labels live in `labels.ts`.
 */
export const organisationKinds = [
  "stadsdelsforvaltning",
  "fackforvaltning",
  "lokalpolisomrade",
  "polisomrade",
  "polisregion",
  "kommun",
  "bolag",
  "other",
] as const;

export const agreementScopes = ["city_wide", "local"] as const;

/** How often the parties have agreed to revise the agreement. */
export const revisionRules = ["yearly", "when_needed"] as const;

export const attachmentKinds = [
  "overgripande_overenskommelse",
  "lagesbild",
  "atgardsplan",
  "kommunikationsplan",
  "kontaktuppgifter",
  "uppfoljningsplan",
  "samverkansstruktur",
  "other",
] as const;

export const groupKinds = ["styrgrupp", "beredningsgrupp", "arbetsgrupp"] as const;
export const groupLevels = ["city_wide", "local"] as const;
/** Working groups are either fixed or set up for a limited task. */
export const groupPermanence = ["fixed", "temporary"] as const;

export const memberRoles = ["ordforande", "ledamot", "sekreterare", "adjungerad", "lasare"] as const;

/** In which capacity someone signs (justerar) the minutes: the chair who led the meeting, a justerare, the sekreterare. */
export const approverCapacities = ["ordforande", "justerare", "sekreterare"] as const;
export type ApproverCapacity = (typeof approverCapacities)[number];

/** "installt": cancelled before it started; it never took place (cancelled_at and cancel_reason say when and why). */
export const meetingStatuses = ["planerat", "pagar", "avslutat", "justerat", "installt"] as const;
export const agendaItemKinds = ["information", "diskussion", "beslut"] as const;
/**
 * What became of an ärende dealt with (given a §): "behandlat" (dealt with; it may carry a decision),
 * "bordlagt" (postponed) or "utgar" (struck from this meeting); the last two move to the next meeting.
 */
export const paragraphOutcomes = ["behandlat", "bordlagt", "utgar"] as const;
export const attendanceStatuses = ["narvarande", "franvarande", "anmalt_forhinder"] as const;

export const decisionKinds = ["lagesbild", "atgardsplan", "kommunikationsplan", "medborgarlofte", "uppdrag_arbetsgrupp", "ovrigt"] as const;

export const actionItemStatuses = ["ej_paborjad", "pagar", "klar", "avbruten"] as const;

/** Kinds of live (Yjs) document; the name of a document encodes its kind. */
export const documentKinds = [
  "agenda",
  "minutes",
  "agenda_item_notes",
  "decision_text",
  /** The single free-text lägesbild of the first release (`lagesbild-<slug>-<year>`), kept readable. */
  "lagesbild",
  /** One section (avsnitt) of a lägesbild: each is its own live document. */
  "lagesbild_section",
  /** The åtgärdsplan's rows: a Y.Doc whose rows are Y.Maps, validated by the server. */
  "atgardsplan",
  /** The live notes of one åtgärd (row) of a plan. */
  "atgard_notes",
  /** A report up the chain (chain_reports.id), written by the sending group until it is sent. */
  "report",
  /** The running text of an agreement's kommunikationsplan (communication_plans.id); its activities are rows. */
  "kommunikationsplan",
] as const;

/** Who writes a lägesbild section: the municipality, the police or both together. */
export const sectionOwners = ["kommunen", "polisen", "gemensam"] as const;
/** Progress of one section of the lägesbild. */
export const sectionStatuses = ["utkast", "granskning", "klar"] as const;
/**
 * Lifecycle of a lägesbild, an åtgärdsplan and a kommunikationsplan: written (utkast), put up for decision on a lokal
 * styrgrupp meeting (for_beslut), decided by a § (faststalld), handed over to the stadsövergripande
 * beredningsgrupp (overlamnad).
 */
export const steeringDocumentStatuses = ["utkast", "for_beslut", "faststalld", "overlamnad"] as const;
/** What a version (a frozen copy of every part of a lägesbild, åtgärdsplan or kommunikationsplan) is. */
export const versionKinds = ["namngiven", "daglig", "for_beslut", "faststalld", "aterstalld"] as const;
/** The steering documents a lokal styrgrupp decides (each has versions and the lifecycle of steeringDocumentStatuses). */
export const versionSubjects = ["lagesbild", "atgardsplan", "kommunikationsplan"] as const;
/** Follow-up of one åtgärd. */
export const actionRowStatuses = ["ej_paborjad", "pagar", "genomford", "stoppad"] as const;
/** RAG mark on an åtgärd's target. */
export const ragMarks = ["gront", "gult", "rott"] as const;

export type OrganisationKind = (typeof organisationKinds)[number];
export type AgreementScope = (typeof agreementScopes)[number];
export type RevisionRule = (typeof revisionRules)[number];
export type AttachmentKind = (typeof attachmentKinds)[number];
export type GroupKind = (typeof groupKinds)[number];
export type GroupLevel = (typeof groupLevels)[number];
export type GroupPermanence = (typeof groupPermanence)[number];
export type MemberRole = (typeof memberRoles)[number];
export type MeetingStatus = (typeof meetingStatuses)[number];
export type AgendaItemKind = (typeof agendaItemKinds)[number];
export type ParagraphOutcome = (typeof paragraphOutcomes)[number];
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export type DecisionKind = (typeof decisionKinds)[number];
export type ActionItemStatus = (typeof actionItemStatuses)[number];
export type DocumentKind = (typeof documentKinds)[number];
export type SectionOwner = (typeof sectionOwners)[number];
export type SectionStatus = (typeof sectionStatuses)[number];
export type SteeringDocumentStatus = (typeof steeringDocumentStatuses)[number];
export type VersionKind = (typeof versionKinds)[number];
export type VersionSubject = (typeof versionSubjects)[number];
export type ActionRowStatus = (typeof actionRowStatuses)[number];
export type RagMark = (typeof ragMarks)[number];

/** Every kind of entry the log holds; labels.ts has a Swedish label for each. */
export const auditActions = [
  "agenda.item_added",
  "agenda.item_prepared",
  "agenda.item_changed",
  "agenda.item_moved",
  "agenda.item_removed",
  "attendance.member",
  "attendance.guest_added",
  "attendance.guest",
  "meeting.status",
  "meeting.reopened",
  "meeting.edited",
  "meeting.cancelled",
  "meeting.kallelse_sent",
  "paragraphs.numbered",
  "paragraph.outcome",
  "meeting.chair",
  "decision.adopted",
  "decision.approved_immediately",
  "minutes.comment",
  "minutes.approved",
  "minutes.locked",
  "minutes.addendum",
  "protocol.stored",
  "action_item.status",
  "membership.added",
  "membership.removed",
  "person.activated",
  "person.deactivated",
  "person.password_changed",
  "person.own_password_changed",
  "person.password_reset_requested",
  "person.password_reset",
  "person.invited",
  "person.invitation_accepted",
  "person.sessions_ended",
  "person.profile_changed",
  "person.totp_enrolment_started",
  "person.totp_enabled",
  "person.totp_disabled",
  "person.totp_reset",
  "person.recovery_codes_regenerated",
  "person.recovery_code_used",
  "person.logged_in_oidc",
  "person.identity_unlinked",
  "group.changed",
  "group.standard_agenda_changed",
  "group.created",
  "organisation.created",
  "organisation.changed",
  "organisation.password_login",
  "person.created",
  "lagesbild.created",
  "lagesbild.section_changed",
  "lagesbild.source_changed",
  "place.changed",
  "version.created",
  "version.restored",
  "comment.added",
  "comment.resolved",
  "steering_document.put_up",
  "steering_document.decided",
  "steering_document.sent_back",
  "steering_document.handed_over",
  "action_plan.created",
  "communication_plan.created",
  "communication_plan.activity_added",
  "communication_plan.activity_changed",
  "communication_plan.activity_moved",
  "communication_plan.activity_removed",
  "action_row.reported",
  "action_item.linked",
  "action_item.assigned_outside",
  "agreement.created",
  "agreement.changed",
  "agreement.row_added",
  "agreement.row_changed",
  "agreement.row_removed",
  "agreement.revised",
  "file.added",
  "file.removed",
  "significant_event.recorded",
  "significant_event.acknowledged",
  "person.phone_changed",
  "citizen_promise.activity_added",
  "citizen_promise.activity_changed",
  "citizen_promise.activity_removed",
  "citizen_promise.followed_up",
  "report.created",
  "report.sent",
  "report.put_on_agenda",
  "meeting.shared",
  "meeting.share_revoked",
  "steering_document.put_on_agenda",
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * What an uploaded file (handling) is to the thing it belongs to: a bilaga or a signed original of an
 * agreement, the signed document of an amendment, a handling sent with an ärende, or the bilaga a decision refers to.
 */
export const fileCategories = ["bilaga", "signerat_original", "andring", "handling", "beslutsbilaga"] as const;
export type FileCategory = (typeof fileCategories)[number];

/** What an e-mail or in-app notification is about; each person chooses a channel per kind. */
export const notificationKinds = [
  "kallelse",
  "justering_requested",
  "protocol_justerat",
  "uppdrag_assigned",
  "uppdrag_due",
  "steering_put_up",
  "account",
  /** A händelse av väsentlig betydelse told to the other party's chair: always e-mail and in the app, never choosable. */
  "significant_event",
  /** A report sent up the chain reached the receiving group (its chair and secretary). */
  "report_received",
  /** A justerat protocol of the stadsövergripande styrgrupp delivered to a lokal styrgrupp (each of its members). */
  "protocol_delivered",
  /** A decided lägesbild, åtgärdsplan or kommunikationsplan handed over to the stadsövergripande beredningsgrupp (its chair and secretary). */
  "bilaga_received",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
/**
 * The kinds a person chooses a channel for: every kind but account mails (a reset link, an invitation),
 * which always go by e-mail.
 */
export const choosableNotificationKinds = [
  "kallelse",
  "justering_requested",
  "protocol_justerat",
  "protocol_delivered",
  "uppdrag_assigned",
  "uppdrag_due",
  "steering_put_up",
] as const satisfies readonly NotificationKind[];
/** How a person wants a kind of notification: by e-mail (and in the app), in the app only, or not at all. */
export const notificationChannels = ["email", "in_app", "off"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export const mailStatuses = ["queued", "sending", "sent", "failed"] as const;
/** What a one-time account link does: set a new password after "forgot password", or accept an invitation. */
export const accountTokenPurposes = ["reset", "invite"] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];
/** What the second step of a login asks for: a code from the authenticator, or setting one up first (administrators). */
export const loginChallengePurposes = ["mfa", "mfa_enrol"] as const;
export type LoginChallengePurpose = (typeof loginChallengePurposes)[number];
/** How an event of significant importance is marked: open, or covered by secrecy (offentlighets- och sekretesslagen). */
export const confidentialityMarkings = ["ej_sekretess", "sekretess"] as const;
export type ConfidentialityMarking = (typeof confidentialityMarkings)[number];
/** A report up the chain is written (utkast), then sent (skickad: frozen, in the receiver's inbox). */
export const reportStatuses = ["utkast", "skickad"] as const;
export type ReportStatus = (typeof reportStatuses)[number];
