/**
 * Händelser av väsentlig betydelse, the pure part: the rules a recorded event must meet, how its time is
 * written, the agreement's clause the form quotes, and the words of its notice and e-mail. The verbs are
 * db/queries/significant-events.ts.
 */
import type { ConfidentialityMarking } from "./enums";
import { buildMail, OBLIGATORY_NOTICE_FOOTER, type BuiltMail } from "./mail-texts";
import { dayInstant, stockholmDate, stockholmLongDate, stockholmTimeOnDay } from "./stockholm-time";

export const EVENT_TITLE_MAX = 200;
export const EVENT_DESCRIPTION_MAX = 5000;
export const EVENT_PLACE_MAX = 200;
export const EVENT_NOTE_MAX = 200;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the reporting member fills in; `occurredTime` is optional ("" or null when only the day is known). */
export interface SignificantEventInput {
  title: string;
  description: string;
  occurredOn: string;
  occurredTime?: string | null;
  place?: string | null;
  confidentiality: string;
  confidentialityNote?: string | null;
}

export interface CleanSignificantEvent {
  title: string;
  description: string;
  /** "2026-11-27" or "2026-11-27T21:40", Stockholm wall time (as the schema stores it). */
  occurredAt: string;
  place: string;
  confidentiality: ConfidentialityMarking;
  confidentialityNote: string;
}

/**
 * The event as stored, or the first message per form field. The same check serves the form (every
 * field's message at once) and the verb (which refuses with the first).
 */
export function checkSignificantEvent(
  input: SignificantEventInput,
  now: Date,
): { ok: true; event: CleanSignificantEvent } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  const description = input.description.trim();
  const place = (input.place ?? "").trim();
  const note = (input.confidentialityNote ?? "").trim();
  const date = input.occurredOn.trim();
  const time = (input.occurredTime ?? "").trim();
  if (!title) errors.title = "Ange vad som har hänt, i en rubrik.";
  else if (title.length > EVENT_TITLE_MAX) errors.title = `Högst ${EVENT_TITLE_MAX} tecken.`;
  if (!description) errors.description = "Beskriv händelsen.";
  else if (description.length > EVENT_DESCRIPTION_MAX) errors.description = `Högst ${EVENT_DESCRIPTION_MAX} tecken.`;
  if (place.length > EVENT_PLACE_MAX) errors.place = `Högst ${EVENT_PLACE_MAX} tecken.`;
  if (input.confidentiality !== "ej_sekretess" && input.confidentiality !== "sekretess") errors.confidentiality = "Välj om händelsen omfattas av sekretess.";
  else if (input.confidentiality === "sekretess" && !note) errors.confidentialityNote = "Ange sekretessgrunden, till exempel 18 kap. 1 § OSL.";
  if (note.length > EVENT_NOTE_MAX) errors.confidentialityNote = `Högst ${EVENT_NOTE_MAX} tecken.`;
  const when = occurredAtOf(date, time, now);
  if (typeof when === "object") Object.assign(errors, when);
  if (Object.keys(errors).length > 0 || typeof when !== "string") return { ok: false, errors };
  return {
    ok: true,
    event: {
      title,
      description,
      occurredAt: when,
      place,
      confidentiality: input.confidentiality as ConfidentialityMarking,
      confidentialityNote: input.confidentiality === "sekretess" ? note : "",
    },
  };
}

/** The stored time of the event, or the message for its field. A real day and time, at most a day ahead (a planned insats may be told the day before). */
function occurredAtOf(date: string, time: string, now: Date): string | Record<string, string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !new Date(dayInstant(date)).toISOString().startsWith(date)) {
    return { occurredOn: date ? "Datumet finns inte. Ange det som ÅÅÅÅ-MM-DD." : "Ange när det hände." };
  }
  if (date < "2000-01-01") return { occurredOn: "Ange ett datum från år 2000 och framåt." };
  if (time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return { occurredTime: "Ange klockslaget som TT:MM." };
  const latest = new Date(now.getTime() + DAY_MS);
  const tooLate = time ? stockholmTimeOnDay(dayInstant(date), time) > latest.toISOString() : date > stockholmDate(latest);
  if (tooLate) return { [time ? "occurredTime" : "occurredOn"]: "Tiden ligger mer än ett dygn fram. Registrera händelsen när den är nära förestående." };
  return time ? `${date}T${time}` : date;
}

/** "27 november 2026 kl. 21:40", or "27 november 2026" when only the day is known. */
export function occurredAtLabel(occurredAt: string): string {
  const [date, time] = occurredAt.split("T");
  return time ? `${stockholmLongDate(date)} kl. ${time}` : stockholmLongDate(date);
}

/**
 * The local agreements' clause "Information", quoted as the form's help text. Every local agreement
 * uses the template's words; an agreement with more than two parties (Östermalm's) says "övriga
 * parter" and "de andra parternas" instead.
 */
export function informationClause(partyCount: number): string {
  return partyCount > 2
    ? "Det ankommer på respektive part att till övriga parter lämna information om händelser eller åtgärder i den verksamhet som omfattas av överenskommelsen och dess bilagor om dessa händelser kan antas ha väsentlig betydelse för överenskommelsen eller dess bilagor. Information enligt denna bestämmelse ska delges de andra parternas beslutfattare i styrgruppen så snart det är möjligt."
    : "Det ankommer på respektive part att till den andra parten lämna information om händelser eller åtgärder i den verksamhet som omfattas av överenskommelsen och dess bilagor om dessa händelser kan antas ha väsentlig betydelse för överenskommelsen eller dess bilagor. Information enligt denna bestämmelse ska delges den andra partens beslutfattare i styrgruppen så snart det är möjligt.";
}

export interface EventNoticeInput {
  agreementTitle: string;
  title: string;
  description: string;
  occurredAt: string;
  place: string;
  confidentiality: ConfidentialityMarking;
  reporterName: string;
  reporterParty: string | null;
  /** The event on its page, through the login page (notify.ts mailLink). */
  link: string;
}

/** The sentence that is all a secret event's notice and e-mail say: nothing of what, where or by whom. */
export function secretEventSentence(agreementTitle: string): string {
  return `En händelse av väsentlig betydelse har registrerats inom ${agreementTitle}; logga in för att läsa`;
}

/** The in-app line: the event's title, or for a secret event only that there is one. */
export function eventNoticeTitle(input: Pick<EventNoticeInput, "agreementTitle" | "title" | "confidentiality">): string {
  return input.confidentiality === "sekretess"
    ? secretEventSentence(input.agreementTitle)
    : `Händelse av väsentlig betydelse inom ${input.agreementTitle}: ${input.title}`;
}

/**
 * The e-mail to the other party's chair. A secret event's mail carries the one sentence and the link,
 * nothing of its content: e-mail leaves the app's access control and may be read on any device.
 */
export function significantEventMail(input: EventNoticeInput): BuiltMail {
  const links = [{ label: "Läs och kvittera händelsen i Samverkan", url: input.link }];
  if (input.confidentiality === "sekretess") {
    return buildMail(`Händelse av väsentlig betydelse – ${input.agreementTitle}`, {
      heading: "Händelse av väsentlig betydelse",
      paragraphs: [`${secretEventSentence(input.agreementTitle)}.`],
      links,
      footer: OBLIGATORY_NOTICE_FOOTER,
    });
  }
  const reporter = input.reporterParty ? `${input.reporterName} (${input.reporterParty})` : input.reporterName;
  return buildMail(`Händelse av väsentlig betydelse: ${input.title} – ${input.agreementTitle}`, {
    heading: "Händelse av väsentlig betydelse",
    paragraphs: [
      `${reporter} har registrerat en händelse av väsentlig betydelse inom ${input.agreementTitle}. Du får den som den andra partens beslutsfattare i styrgruppen.`,
      `Vad: ${input.title}`,
      `När: ${occurredAtLabel(input.occurredAt)}`,
      ...(input.place ? [`Var: ${input.place}`] : []),
      input.description,
      "Kvittera i Samverkan att du har tagit del av den.",
    ],
    links,
    footer: OBLIGATORY_NOTICE_FOOTER,
  });
}
