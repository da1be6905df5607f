import type {
  ActionItemStatus,
  AgendaItemKind,
  ApproverCapacity,
  AuditAction,
  AgreementScope,
  AttachmentKind,
  AttendanceStatus,
  DecisionKind,
  GroupKind,
  GroupPermanence,
  MeetingStatus,
  NotificationChannel,
  NotificationKind,
  OrganisationKind,
  MemberRole,
  ParagraphOutcome,
  RevisionRule,
  SectionOwner,
  SectionStatus,
  SteeringDocumentStatus,
  VersionKind,
  VersionSubject,
  ActionRowStatus,
  RagMark,
  ConfidentialityMarking,
} from "./enums";
import type { mailStatuses } from "./enums";

/** Swedish labels for the stable identifiers of enums.ts. */
export const roleLabels: Record<MemberRole, string> = {
  ordforande: "Ordförande",
  ledamot: "Ledamot",
  sekreterare: "Sekreterare",
  adjungerad: "Adjungerad",
  lasare: "Läsare",
};

/** Who signs the minutes, as the Justeras block names them. */
export const approverCapacityLabels: Record<ApproverCapacity, string> = {
  ordforande: "Ordförande",
  justerare: "Justerare",
  sekreterare: "Sekreterare",
};

/** What became of an ärende given a §, as the page and the protocol say it. */
export const paragraphOutcomeLabels: Record<ParagraphOutcome, string> = {
  behandlat: "Behandlat",
  bordlagt: "Bordlagt",
  utgar: "Utgår",
};

export const groupKindLabels: Record<GroupKind, string> = {
  styrgrupp: "Styrgrupp",
  beredningsgrupp: "Beredningsgrupp",
  arbetsgrupp: "Arbetsgrupp",
};

export const organisationKindLabels: Record<OrganisationKind, string> = {
  stadsdelsforvaltning: "Stadsdelsförvaltning",
  fackforvaltning: "Fackförvaltning",
  bolag: "Bolag",
  lokalpolisomrade: "Lokalpolisområde",
  polisomrade: "Polisområde",
  polisregion: "Polisregion",
  kommun: "Kommun",
  other: "Annan",
};

export const scopeLabels: Record<AgreementScope, string> = {
  city_wide: "Stadsövergripande",
  local: "Lokal",
};

export const attachmentKindLabels: Record<AttachmentKind, string> = {
  overgripande_overenskommelse: "Övergripande överenskommelse",
  lagesbild: "Lägesbild",
  atgardsplan: "Åtgärdsplan",
  kommunikationsplan: "Kommunikationsplan",
  kontaktuppgifter: "Kontaktuppgifter",
  uppfoljningsplan: "Uppföljningsplan",
  samverkansstruktur: "Samverkansstruktur",
  other: "Annan",
};

export const permanenceLabels: Record<GroupPermanence, string> = {
  fixed: "Fast",
  temporary: "Tidsbegränsad",
};

export const revisionRuleLabels: Record<RevisionRule, string> = {
  yearly: "Revideras en gång per år",
  when_needed: "Revideras vid behov",
};

export const meetingStatusLabels: Record<MeetingStatus, string> = {
  planerat: "Planerat",
  pagar: "Pågår",
  avslutat: "Avslutat",
  justerat: "Justerat",
  installt: "Inställt",
};

export const agendaItemKindLabels: Record<AgendaItemKind, string> = {
  information: "Information",
  diskussion: "Diskussion",
  beslut: "Beslut",
};

export const attendanceStatusLabels: Record<AttendanceStatus, string> = {
  narvarande: "Närvarande",
  franvarande: "Frånvarande",
  anmalt_forhinder: "Anmält förhinder",
};

export const decisionKindLabels: Record<DecisionKind, string> = {
  lagesbild: "Lägesbild",
  atgardsplan: "Åtgärdsplan",
  kommunikationsplan: "Kommunikationsplan",
  medborgarlofte: "Medborgarlöfte",
  uppdrag_arbetsgrupp: "Uppdrag till arbetsgrupp",
  ovrigt: "Övrigt",
};

export const actionItemStatusLabels: Record<ActionItemStatus, string> = {
  ej_paborjad: "Ej påbörjat",
  pagar: "Pågår",
  klar: "Klart",
  avbruten: "Avbrutet",
};

export const auditActionLabels: Record<AuditAction, string> = {
  "agenda.item_added": "Ärende tillagt på dagordningen",
  "agenda.item_prepared": "Ärende berett till styrgruppen",
  "agenda.item_changed": "Ärende ändrat",
  "agenda.item_moved": "Ärende flyttat på dagordningen",
  "agenda.item_removed": "Ärende borttaget från dagordningen",
  "attendance.member": "Närvaro markerad",
  "attendance.guest_added": "Adjungerad gäst tillagd",
  "attendance.guest": "Gästens närvaro ändrad",
  "meeting.status": "Mötets status ändrad",
  "meeting.reopened": "Avslutat möte återöppnat",
  "meeting.edited": "Möte ändrat",
  "meeting.cancelled": "Möte inställt",
  "meeting.kallelse_sent": "Kallelse skickad",
  "paragraphs.numbered": "Ärenden behandlade och numrerade",
  "paragraph.outcome": "Ärendets utfall ändrat",
  "meeting.chair": "Mötesordförande bytt",
  "decision.adopted": "Beslut fattat",
  "decision.approved_immediately": "Beslut omedelbart justerat",
  "minutes.comment": "Kommentar till justeringen",
  "minutes.approved": "Protokollet justerat",
  "minutes.locked": "Protokollet låst",
  "minutes.addendum": "Tillägg till protokollet",
  "protocol.stored": "Protokollet arkiverat som PDF",
  "action_item.status": "Uppdragets status ändrad",
  "membership.added": "Medlemskap tillagt",
  "membership.removed": "Medlemskap borttaget",
  "person.activated": "Konto aktiverat",
  "person.deactivated": "Konto inaktiverat",
  "person.password_changed": "Lösenord bytt, alla inloggningar avslutade",
  "person.own_password_changed": "Eget lösenord bytt, övriga inloggningar avslutade",
  "person.password_reset_requested": "Länk för nytt lösenord skickad",
  "person.password_reset": "Nytt lösenord via e-postlänk, alla inloggningar avslutade",
  "person.invited": "Inbjudan skickad",
  "person.invitation_accepted": "Inbjudan antagen, lösenord valt",
  "person.sessions_ended": "Inloggningar avslutade",
  "person.profile_changed": "Eget namn eller befattning ändrat",
  "person.totp_enrolment_started": "Tvåstegsverifiering: ny app påbörjad",
  "person.totp_enabled": "Tvåstegsverifiering aktiverad",
  "person.totp_disabled": "Tvåstegsverifiering avstängd",
  "person.totp_reset": "Tvåstegsverifiering återställd av driften, alla inloggningar avslutade",
  "person.recovery_codes_regenerated": "Nya återställningskoder skapade",
  "person.recovery_code_used": "Inloggning med återställningskod",
  "person.logged_in_oidc": "Inloggad via inloggningstjänst",
  "person.identity_unlinked": "Koppling till inloggningstjänst borttagen",
  "group.changed": "Gruppens inställningar ändrade",
  "group.standard_agenda_changed": "Gruppens standarddagordning ändrad",
  "group.created": "Grupp skapad",
  "organisation.created": "Organisation tillagd",
  "organisation.changed": "Organisation ändrad",
  "organisation.password_login": "Inloggning med lösenord ändrad",
  "person.created": "Person tillagd",
  "lagesbild.created": "Lägesbild påbörjad",
  "lagesbild.section_changed": "Lägesbildens avsnitt ändrat",
  "lagesbild.source_changed": "Lägesbildens underlag ändrat",
  "place.changed": "Plats ändrad",
  "version.created": "Version sparad",
  "version.restored": "Version återställd",
  "comment.added": "Kommentar skriven",
  "comment.resolved": "Kommentar löst",
  "steering_document.put_up": "Lagd för beslut",
  "steering_document.decided": "Fastställd",
  "steering_document.sent_back": "Återförvisad till utkast",
  "steering_document.handed_over": "Överlämnad",
  "action_plan.created": "Åtgärdsplan påbörjad",
  "communication_plan.created": "Kommunikationsplan påbörjad",
  "communication_plan.activity_added": "Kommunikationsaktivitet tillagd",
  "communication_plan.activity_changed": "Kommunikationsaktivitet ändrad",
  "communication_plan.activity_moved": "Kommunikationsaktivitet flyttad",
  "communication_plan.activity_removed": "Kommunikationsaktivitet borttagen",
  "action_row.reported": "Åtgärd följd upp",
  "action_item.linked": "Uppdrag kopplat till åtgärd",
  "action_item.assigned_outside": "Uppdrag till annan grupp eller person utanför gruppen",
  "agreement.created": "Överenskommelse inlagd",
  "agreement.changed": "Överenskommelsens uppgifter ändrade",
  "agreement.row_added": "Tillagt i överenskommelsen",
  "agreement.row_changed": "Ändrat i överenskommelsen",
  "agreement.row_removed": "Borttaget ur överenskommelsen",
  "agreement.revised": "Överenskommelsen reviderad",
  "file.added": "Fil tillagd",
  "file.removed": "Fil borttagen ur listan",
  "significant_event.recorded": "Händelse av väsentlig betydelse registrerad",
  "significant_event.acknowledged": "Händelse av väsentlig betydelse kvitterad",
  "citizen_promise.activity_added": "Aktivitet under medborgarlöfte tillagd",
  "citizen_promise.activity_changed": "Aktivitet under medborgarlöfte ändrad",
  "citizen_promise.activity_removed": "Aktivitet under medborgarlöfte borttagen",
  "citizen_promise.followed_up": "Aktivitet under medborgarlöfte följd upp",
  "report.created": "Rapport påbörjad",
  "report.sent": "Rapport skickad",
  "report.put_on_agenda": "Rapport lagd på dagordningen",
  "meeting.shared": "Möte delat med beredningsgruppen",
  "meeting.share_revoked": "Delningen av mötet upphävd",
  "steering_document.put_on_agenda": "Överlämnad bilaga lagd på dagordningen",
  "person.phone_changed": "Telefonnummer ändrat",
};

/** "§ 3/2026": how a § of a group's record is cited, on pages, in PDFs and in messages. */
export function paragraphLabel(number: number, year: number): string {
  return `§ ${number}/${year}`;
}

export const sectionOwnerLabels: Record<SectionOwner, string> = { kommunen: "Kommunen", polisen: "Polisen", gemensam: "Gemensam" };

export const sectionStatusLabels: Record<SectionStatus, string> = { utkast: "Utkast", granskning: "Klar för granskning", klar: "Klar" };

export const steeringDocumentStatusLabels: Record<SteeringDocumentStatus, string> = {
  utkast: "Utkast",
  for_beslut: "För beslut",
  faststalld: "Fastställd",
  overlamnad: "Överlämnad",
};

/** "Lägesbild 2026", "Åtgärdsplan", "Kommunikationsplan": how a steering document is named in lists and messages. */
export function steeringSubjectTitle(kind: VersionSubject, year: number | null): string {
  return kind === "lagesbild" ? `Lägesbild ${year}` : decisionKindLabels[kind];
}

export const versionKindLabels: Record<VersionKind, string> = {
  namngiven: "Namngiven version",
  daglig: "Automatisk version",
  for_beslut: "Version för beslut",
  faststalld: "Fastställd version",
  aterstalld: "Återställd version",
};

export const actionRowStatusLabels: Record<ActionRowStatus, string> = {
  ej_paborjad: "Ej påbörjad",
  pagar: "Pågår",
  genomford: "Genomförd",
  stoppad: "Stoppad",
};

export const confidentialityLabels: Record<ConfidentialityMarking, string> = { ej_sekretess: "Ej sekretess", sekretess: "Sekretess" };

export const ragLabels: Record<RagMark, string> = { gront: "Grönt", gult: "Gult", rott: "Rött" };

export const notificationKindLabels: Record<NotificationKind, string> = {
  kallelse: "Kallelse till möte",
  justering_requested: "Protokoll att justera",
  protocol_justerat: "Protokoll justerat",
  uppdrag_assigned: "Nytt uppdrag eller ny åtgärd",
  uppdrag_due: "Daglig påminnelse om uppdrag som är försenade eller snart ska vara klara",
  steering_put_up: "Lägesbild eller åtgärdsplan för beslut",
  account: "Konto och inloggning",
  significant_event: "Händelse av väsentlig betydelse",
  report_received: "Rapport mottagen",
  protocol_delivered: "Protokoll från stadsövergripande styrgruppen",
  bilaga_received: "Överlämnad lägesbild, åtgärdsplan eller kommunikationsplan mottagen",
};

export const notificationChannelLabels: Record<NotificationChannel, string> = { email: "E-post och i appen", in_app: "Bara i appen", off: "Av" };

export const mailStatusLabels: Record<(typeof mailStatuses)[number], string> = {
  queued: "Väntar",
  sending: "Skickas",
  sent: "Skickat",
  failed: "Misslyckades",
};
