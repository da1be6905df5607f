import { stockholmClock, stockholmLongDate, stockholmWeekday } from "./stockholm-time";

/**
 * The e-mails' words, as pure functions: plain text and a simple, accessible HTML twin (lang="sv",
 * one heading, real links with their purpose in the link text). The links are absolute and lead
 * through the login page (db/queries/notify.ts mailLink); none carries a session.
 */
export interface MailLink {
  label: string;
  url: string;
}

/** A list entry with lines under its title and a link of its own, e.g. one uppdrag of the digest. */
export interface MailListEntry {
  title: string;
  details: string[];
  link: MailLink;
}

export interface MailBody {
  heading: string;
  paragraphs: string[];
  /** A titled list, e.g. the agenda. */
  lists?: { title: string; items: (string | MailListEntry)[] }[];
  links: MailLink[];
  /** The closing line; by default it points to the notice settings. */
  footer?: string;
}

export interface BuiltMail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER = "Du får det här meddelandet från Samverkan. Vilka meddelanden du får väljer du under Notiser, Inställningar.";
/** For the notices a person cannot turn off (the agreement obliges the sender to tell them). */
export const OBLIGATORY_NOTICE_FOOTER =
  "Du får det här meddelandet från Samverkan eftersom överenskommelsen kräver att du informeras. Det går inte att stänga av.";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function textListItem(item: string | MailListEntry): string[] {
  if (typeof item === "string") return [`- ${item}`];
  return [`- ${item.title}`, ...item.details.map((line) => `  ${line}`), `  ${item.link.label}: ${item.link.url}`];
}

function htmlListItem(item: string | MailListEntry): string {
  if (typeof item === "string") return `<li>${escapeHtml(item)}</li>`;
  const lines = [
    `<strong>${escapeHtml(item.title)}</strong>`,
    ...item.details.map(escapeHtml),
    `<a href="${escapeHtml(item.link.url)}">${escapeHtml(item.link.label)}</a>`,
  ];
  return `<li>${lines.join("<br>")}</li>`;
}

export function buildMail(subject: string, body: MailBody): BuiltMail {
  const text = [
    body.heading,
    "",
    ...body.paragraphs.flatMap((p) => [p, ""]),
    ...(body.lists ?? []).flatMap((list) => [list.title, ...list.items.flatMap(textListItem), ""]),
    ...body.links.flatMap((link) => [`${link.label}: ${link.url}`]),
    "",
    "-- ",
    body.footer ?? FOOTER,
  ].join("\n");
  const html = [
    '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    "</title></head><body>",
    `<h1>${escapeHtml(body.heading)}</h1>`,
    ...body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(body.lists ?? []).flatMap((list) => [`<h2>${escapeHtml(list.title)}</h2>`, "<ol>", ...list.items.map(htmlListItem), "</ol>"]),
    "<ul>",
    ...body.links.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></li>`),
    "</ul>",
    `<p><small>${escapeHtml(body.footer ?? FOOTER)}</small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

/** "tisdag 2 mars 2027 kl. 09:00" */
export function mailMeetingTime(startsAt: string): string {
  return `${stockholmWeekday(startsAt)} ${stockholmLongDate(startsAt)} kl. ${stockholmClock(startsAt)}`;
}

export interface KallelseMailInput {
  meetingTitle: string;
  groupName: string;
  startsAt: string;
  location: string | null;
  videoLink: string | null;
  agenda: string[];
  handlingar: MailLink[];
  meetingLink: string;
  /** "new": the first kallelse; "changed": time or place changed since; "cancelled": the meeting is cancelled. */
  state: "new" | "changed" | "cancelled";
  cancelReason?: string | null;
}

export function kallelseMail(input: KallelseMailInput): BuiltMail {
  const when = mailMeetingTime(input.startsAt);
  const name = `${input.meetingTitle} – ${input.groupName}`;
  if (input.state === "cancelled") {
    return buildMail(`Inställt: ${name}, ${stockholmLongDate(input.startsAt)}`, {
      heading: `${name} är inställt`,
      paragraphs: [
        `Mötet ${when} blir inte av.${input.cancelReason ? ` Skäl: ${input.cancelReason}` : ""}`,
        "Kalenderinbjudan i meddelandet tar bort mötet ur din kalender.",
      ],
      links: [{ label: "Mötet i Samverkan", url: input.meetingLink }],
    });
  }
  const place = [input.location ? `Plats: ${input.location}.` : null, input.videoLink ? `Videomöte: ${input.videoLink}` : null].filter(
    (p): p is string => p !== null,
  );
  return buildMail(`${input.state === "changed" ? "Ändrad kallelse" : "Kallelse"}: ${name}, ${stockholmLongDate(input.startsAt)}`, {
    heading: `${input.state === "changed" ? "Ändrad kallelse" : "Kallelse"} till ${name}`,
    paragraphs: [
      `Du kallas till ${input.meetingTitle.toLowerCase()} i ${input.groupName} ${when}.`,
      ...(input.state === "changed" ? ["Tid eller plats har ändrats sedan den förra kallelsen."] : []),
      ...place,
      "Kalenderinbjudan finns i meddelandet.",
    ],
    lists: [{ title: "Dagordning", items: input.agenda.length > 0 ? input.agenda : ["Dagordningen är inte klar än."] }],
    links: [
      { label: "Mötet med dagordning och handlingar", url: input.meetingLink },
      ...input.handlingar.map((h) => ({ label: `Handling: ${h.label}`, url: h.url })),
    ],
  });
}

export function justeringRequestMail(input: { meetingTitle: string; groupName: string; startsAt: string; capacity: string; meetingLink: string }): BuiltMail {
  const name = `${input.meetingTitle} – ${input.groupName}`;
  return buildMail(`Protokollet väntar på din justering: ${name}, ${stockholmLongDate(input.startsAt)}`, {
    heading: "Protokollet väntar på din justering",
    paragraphs: [
      `Mötet ${name} ${mailMeetingTime(input.startsAt)} är avslutat. Du ska justera protokollet som ${input.capacity}.`,
      "Läs protokollet och justera det, eller lämna en kommentar om något behöver rättas.",
    ],
    links: [{ label: "Läs och justera protokollet", url: input.meetingLink }],
  });
}

export function justeratMail(input: { meetingTitle: string; groupName: string; startsAt: string; pdfLink: string; meetingLink: string }): BuiltMail {
  const name = `${input.meetingTitle} – ${input.groupName}`;
  return buildMail(`Protokollet är justerat: ${name}, ${stockholmLongDate(input.startsAt)}`, {
    heading: "Protokollet är justerat",
    paragraphs: [`Protokollet från ${name} ${mailMeetingTime(input.startsAt)} är justerat och låst.`],
    links: [
      { label: "Protokollet som PDF", url: input.pdfLink },
      { label: "Mötet i Samverkan", url: input.meetingLink },
    ],
  });
}

/** To a member of a lokal styrgrupp: the stadsövergripande styrgrupp's protocol, justerat now, is delivered to their group. */
export function deliveredProtocolMail(input: {
  meetingTitle: string;
  groupName: string;
  startsAt: string;
  receivingGroupName: string;
  pdfLink: string;
  groupLink: string;
}): BuiltMail {
  const name = `${input.meetingTitle} – ${input.groupName}`;
  return buildMail(`Nytt protokoll från ${input.groupName}: ${stockholmLongDate(input.startsAt)}`, {
    heading: `Protokoll från ${input.groupName}`,
    paragraphs: [
      `Protokollet från ${name} ${mailMeetingTime(input.startsAt)} är justerat och har levererats till ${input.receivingGroupName}.`,
      "När du har läst det syns det som läst för gruppens ordförande och sekreterare.",
    ],
    links: [
      { label: "Protokollet som PDF", url: input.pdfLink },
      { label: `${input.receivingGroupName} i Samverkan`, url: input.groupLink },
    ],
  });
}

export function uppdragMail(input: { title: string; groupName: string; dueOn: string | null; listLink: string }): BuiltMail {
  return buildMail(`Nytt uppdrag: ${input.title}`, {
    heading: "Du har fått ett uppdrag",
    paragraphs: [`${input.groupName} har gett dig uppdraget ”${input.title}”.${input.dueOn ? ` Det ska vara klart ${stockholmLongDate(input.dueOn)}.` : ""}`],
    links: [{ label: "Mina uppdrag", url: input.listLink }],
  });
}

/** One uppdrag in the daily digest: its due date, where it was given, and a link there. */
export interface DigestUppdrag {
  title: string;
  dueOn: string;
  groupName: string;
  meetingTitle: string | null;
  /** "§ 4/2026" when the ärende that gave it was dealt with. */
  paragraph: string | null;
  link: MailLink;
}

/** One åtgärd of an åtgärdsplan past its end date and neither genomförd nor stoppad. */
export interface DigestAtgard {
  title: string;
  endsOn: string;
  agreementTitle: string;
  link: MailLink;
}

export interface DigestInput {
  /** The Stockholm day the digest is for, "2025-03-14". */
  date: string;
  overdue: DigestUppdrag[];
  dueSoon: DigestUppdrag[];
  lateAtgarder: DigestAtgard[];
  daysAhead: number;
  uppdragLink: string;
  atgarderLink: string;
}

/** "Påminnelse om uppdrag: 2 försenade, 1 ska vara klart inom 3 dagar": the digest's subject and its in-app line. */
export function digestSummary(input: Pick<DigestInput, "overdue" | "dueSoon" | "lateAtgarder" | "daysAhead">): string {
  const late = input.overdue.length + input.lateAtgarder.length;
  const soon = input.dueSoon.length;
  const parts = [
    late > 0 ? `${late} ${late === 1 ? "försenat" : "försenade"}` : null,
    soon > 0 ? `${soon} ska vara ${soon === 1 ? "klart" : "klara"} inom ${input.daysAhead} dagar` : null,
  ].filter((p): p is string => p !== null);
  return `Påminnelse om uppdrag: ${parts.join(", ")}`;
}

function digestUppdragEntry(item: DigestUppdrag, due: string): MailListEntry {
  const where = [item.groupName, item.meetingTitle, item.paragraph].filter((p): p is string => p !== null).join(", ");
  return { title: item.title, details: [`${due} ${stockholmLongDate(item.dueOn)}`, where], link: item.link };
}

/** The daily digest: one message listing a person's late and soon-due uppdrag (and late åtgärder), grouped. */
export function uppdragDigestMail(input: DigestInput): BuiltMail {
  const lists = [
    { title: "Försenade", items: input.overdue.map((item) => digestUppdragEntry(item, "Skulle ha varit klart")) },
    { title: `Ska vara klara inom ${input.daysAhead} dagar`, items: input.dueSoon.map((item) => digestUppdragEntry(item, "Ska vara klart")) },
    {
      title: "Åtgärder i åtgärdsplanen som passerat sitt slutdatum",
      items: input.lateAtgarder.map((row): MailListEntry => ({
        title: row.title,
        details: [`Slutdatum ${stockholmLongDate(row.endsOn)}`, `Åtgärdsplanen för ${row.agreementTitle}`],
        link: row.link,
      })),
    },
  ].filter((list) => list.items.length > 0);
  return buildMail(digestSummary(input), {
    heading: "Dina uppdrag att hålla koll på",
    paragraphs: [
      `Så här ser dina uppdrag ut ${stockholmLongDate(input.date)}.`,
      `När ett uppdrag är klart ändrar du dess status under Mina uppdrag${input.lateAtgarder.length > 0 ? "; en åtgärd följer du upp under Mina åtgärder" : ""}.`,
    ],
    lists,
    links: [{ label: "Mina uppdrag", url: input.uppdragLink }, ...(input.lateAtgarder.length > 0 ? [{ label: "Mina åtgärder", url: input.atgarderLink }] : [])],
  });
}

/** A lägesbild or åtgärdsplan put up for decision at a lokal styrgrupp meeting: told to its members. */
export function steeringPutUpMail(input: {
  /** "Lägesbild 2026", "Åtgärdsplan". */
  title: string;
  agreementTitle: string;
  groupName: string;
  meetingTitle: string;
  startsAt: string;
  meetingLink: string;
  versionPdfLink: string;
}): BuiltMail {
  const what = `${input.title} för ${input.agreementTitle}`;
  return buildMail(`För beslut: ${what}, ${stockholmLongDate(input.startsAt)}`, {
    heading: `${what} ligger för beslut`,
    paragraphs: [
      `${input.groupName} ska fastställa ${input.title.toLowerCase()} på mötet ${input.meetingTitle.toLowerCase()} ${mailMeetingTime(input.startsAt)}.`,
      "Versionen som ligger för beslut är låst; läs den före mötet.",
    ],
    links: [
      { label: "Mötet och ärendet", url: input.meetingLink },
      { label: "Versionen för beslut som PDF", url: input.versionPdfLink },
    ],
  });
}

/** The responsible person of an åtgärd in an åtgärdsplan is told that the row names them. */
export function atgardAssignedMail(input: { title: string; agreementTitle: string; endsOn: string | null; planLink: string; listLink: string }): BuiltMail {
  return buildMail(`Ny åtgärd: ${input.title}`, {
    heading: "Du är ansvarig för en åtgärd",
    paragraphs: [
      `Åtgärdsplanen för ${input.agreementTitle} har dig som ansvarig för åtgärden ”${input.title}”.${
        input.endsOn ? ` Den ska vara genomförd ${stockholmLongDate(input.endsOn)}.` : ""
      }`,
      "Du följer upp åtgärden under Mina åtgärder.",
    ],
    links: [
      { label: "Åtgärdsplanen", url: input.planLink },
      { label: "Mina åtgärder", url: input.listLink },
    ],
  });
}
