import type { AuditAction } from "../../db/domain/enums";
import type { ActionItemStatus, ApproverCapacity, AttendanceStatus, MeetingStatus, MemberRole, ParagraphOutcome } from "../../db/domain/enums";
import {
  actionItemStatusLabels,
  approverCapacityLabels,
  attendanceStatusLabels,
  meetingStatusLabels,
  paragraphLabel,
  paragraphOutcomeLabels,
  roleLabels,
} from "../../db/domain/labels";

/**
 * One line in Swedish on what an audit entry changed, from its stored payload
 * ("”Lägesbild 2026” från plats 3 till 2"). `personName` is the name of the
 * payload's person (attendance, membership), looked up for the page. Empty when
 * the action itself says it all.
 */
export function auditSummary(action: AuditAction, payload: Record<string, unknown>, personName: string | null): string {
  const text = (key: string) => (typeof payload[key] === "string" ? (payload[key] as string) : "");
  const label = <K extends string>(labels: Record<K, string>, key: string) => labels[payload[key] as K] ?? "";
  const title = `”${text("title")}”`;
  const person = personName ?? "en person som inte finns längre";
  switch (action) {
    case "agenda.item_added":
      return payload.carriedFromId ? `${title}, flyttat från ett tidigare möte` : title;
    case "agenda.item_changed":
    case "agenda.item_removed":
      return title;
    case "agenda.item_prepared":
      return `${title} till styrgruppens möte, med ${payload.files} ${payload.files === 1 ? "handling" : "handlingar"}`;
    case "agenda.item_moved":
      return `${title} från plats ${payload.from} till plats ${payload.to}`;
    case "attendance.member":
      return `${person}: ${label<AttendanceStatus>(attendanceStatusLabels, "status") || "ej markerad"}`;
    case "attendance.guest_added":
      return text("name");
    case "attendance.guest":
      return label<AttendanceStatus>(attendanceStatusLabels, "status");
    case "meeting.status":
    case "meeting.reopened":
      return `${label<MeetingStatus>(meetingStatusLabels, "from")} → ${label<MeetingStatus>(meetingStatusLabels, "to")}`;
    case "meeting.edited":
      return meetingEditSummary(payload.to);
    case "meeting.kallelse_sent":
      return "";
    case "meeting.cancelled":
      return text("reason") ? `Skäl: ${shorten(text("reason"))}` : "";
    case "paragraphs.numbered":
      return payload.from === payload.to ? paragraphLabel(Number(payload.from), Number(payload.year)) : `§§ ${payload.from}–${payload.to}/${payload.year}`;
    case "paragraph.outcome":
      return `${paragraphLabel(Number(payload.number), Number(payload.year))}: ${label<ParagraphOutcome>(paragraphOutcomeLabels, "from")} → ${label<ParagraphOutcome>(paragraphOutcomeLabels, "to")}`;
    case "meeting.chair":
      return `Leds av ${person}`;
    case "decision.adopted":
      // The § number stands in "Gäller"; here what was decided.
      return shorten(text("text"));
    case "decision.approved_immediately":
      return payload.complete ? "Paragrafen är justerad av alla" : "En av justeringarna";
    case "minutes.comment":
      return `${label<ApproverCapacity>(approverDefinite, "capacity")}: ${shorten(text("comment"))}`;
    case "minutes.approved": {
      const as = `Som ${label<ApproverCapacity>(approverCapacityLabels, "capacity").toLowerCase()}`;
      const version = text("contentSha256") ? `, version ${text("contentSha256").slice(0, 12)}…` : "";
      const n = Array.isArray(payload.voided) ? payload.voided.length : 0;
      const voided = n > 0 ? `; ${n} ${n === 1 ? "tidigare justering" : "tidigare justeringar"} av en annan version gäller inte längre` : "";
      return `${as}${version}${voided}`;
    }
    case "minutes.addendum":
      return shorten(text("text"));
    case "protocol.stored":
      return `SHA-256 ${text("sha256").slice(0, 16)}…`;
    case "action_item.status":
      return label<ActionItemStatus>(actionItemStatusLabels, "status");
    case "membership.added":
      return `${person} som ${label<MemberRole>(roleLabels, "role").toLowerCase()}`;
    case "membership.removed":
      return `${person}, som var ${label<MemberRole>(roleLabels, "role").toLowerCase()}`;
    case "group.changed":
    case "group.created":
    case "organisation.created":
    case "organisation.changed":
      return `”${text("name")}”`;
    case "person.created":
      return payload.imported ? `${text("name")} (${text("email")}), importerad från fil` : `${text("name")} (${text("email")})`;
    // The lägesbild's and åtgärdsplan's entries carry a short description of their subject in `title`
    // ("Lägesbild 2026: Underlag") and, where they say more, a `detail` line.
    case "lagesbild.created":
    case "lagesbild.section_changed":
    case "lagesbild.source_changed":
    case "place.changed":
    case "version.created":
    case "version.restored":
    case "comment.added":
    case "comment.resolved":
    case "steering_document.put_up":
    case "steering_document.decided":
    case "steering_document.sent_back":
    case "steering_document.handed_over":
    case "action_plan.created":
    case "communication_plan.created":
    case "communication_plan.activity_added":
    case "communication_plan.activity_changed":
    case "communication_plan.activity_moved":
    case "communication_plan.activity_removed":
    case "action_row.reported":
    case "action_item.linked":
    case "action_item.assigned_outside":
    case "agreement.created":
    case "agreement.changed":
    case "agreement.row_added":
    case "agreement.row_changed":
    case "agreement.row_removed":
    case "agreement.revised":
    case "significant_event.recorded":
    case "significant_event.acknowledged":
    case "citizen_promise.activity_added":
    case "citizen_promise.activity_changed":
    case "citizen_promise.activity_removed":
    case "citizen_promise.followed_up":
    case "report.created":
    case "report.sent":
    case "report.put_on_agenda":
    case "meeting.shared":
    case "meeting.share_revoked":
    case "steering_document.put_on_agenda":
      return [text("title") ? title : "", shorten(text("detail"))].filter(Boolean).join(": ");
    case "file.added":
    case "file.removed":
      // The file name, and the start of its SHA-256: which bytes these were.
      return text("sha256") ? `${title}, SHA-256 ${text("sha256").slice(0, 12)}…` : title;
    case "group.standard_agenda_changed": {
      const titles = Array.isArray(payload.to) ? payload.to.map((item: { title?: unknown }) => String(item.title)) : [];
      return titles.length > 0 ? `${titles.length} ärenden: ${shorten(titles.join(", "))}` : "";
    }
    case "minutes.locked":
    case "person.activated":
    case "person.deactivated":
    case "person.password_changed":
    case "person.own_password_changed":
    case "person.password_reset_requested":
    case "person.password_reset":
    case "person.invited":
    case "person.invitation_accepted":
      return "";
    case "person.sessions_ended":
      return payload.keptCurrent ? "alla utom den egna" : "alla";
    case "person.phone_changed":
      return text("phone") || "borttaget";
    case "person.profile_changed":
      return [text("name"), text("title")].filter(Boolean).join(", ");
    case "person.totp_enrolment_started":
      return payload.replacing ? "ersätter den tidigare appen" : "";
    case "person.totp_enabled":
    case "person.totp_disabled":
    case "person.totp_reset":
    case "person.recovery_codes_regenerated":
      return "";
    case "person.recovery_code_used":
      return typeof payload.left === "number" ? `${payload.left} koder kvar` : "";
    case "person.logged_in_oidc":
      return `via ${text("provider")}${payload.linked ? ", kontot kopplat efter verifierad e-postadress" : ""}`;
    case "person.identity_unlinked":
      return `${text("provider")} (${text("issuer")})`;
    case "organisation.password_login":
      return payload.enabled ? "påslagen" : "avstängd: bara inloggningstjänst";
  }
}

/** "Ordföranden", "Justeraren", "Sekreteraren": who commented on the minutes. */
const approverDefinite: Record<ApproverCapacity, string> = { ordforande: "Ordföranden", justerare: "Justeraren", sekreterare: "Sekreteraren" };

function shorten(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

const editedFieldLabels: Record<string, string> = { startsAt: "starttid", endsAt: "sluttid", location: "plats", videoLink: "videolänk" };

/** "Ny starttid och plats": which of the meeting's time, place and link an edit changed. */
function meetingEditSummary(to: unknown): string {
  const fields =
    to && typeof to === "object"
      ? Object.keys(to)
          .map((key) => editedFieldLabels[key])
          .filter(Boolean)
      : [];
  if (fields.length === 0) return "";
  const list = fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(", ")} och ${fields[fields.length - 1]}`;
  return `Ny ${list}`;
}
