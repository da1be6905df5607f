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

export interface MailBody {
  heading: string;
  paragraphs: string[];
  /** A titled list, e.g. the agenda. */
  lists?: { title: string; items: string[] }[];
  links: MailLink[];
}

export interface BuiltMail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER = "Du får det här meddelandet från Samverkan. Vilka meddelanden du får väljer du under Notiser, Inställningar.";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function buildMail(subject: string, body: MailBody): BuiltMail {
  const text = [
    body.heading,
    "",
    ...body.paragraphs.flatMap((p) => [p, ""]),
    ...(body.lists ?? []).flatMap((list) => [list.title, ...list.items.map((item) => `- ${item}`), ""]),
    ...body.links.flatMap((link) => [`${link.label}: ${link.url}`]),
    "",
    "-- ",
    FOOTER,
  ].join("\n");
  const html = [
    '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    "</title></head><body>",
    `<h1>${escapeHtml(body.heading)}</h1>`,
    ...body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(body.lists ?? []).flatMap((list) => [
      `<h2>${escapeHtml(list.title)}</h2>`,
      "<ol>",
      ...list.items.map((item) => `<li>${escapeHtml(item)}</li>`),
      "</ol>",
    ]),
    "<ul>",
    ...body.links.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></li>`),
    "</ul>",
    `<p><small>${escapeHtml(FOOTER)}</small></p>`,
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

export function uppdragMail(input: { title: string; groupName: string; dueOn: string | null; listLink: string }): BuiltMail {
  return buildMail(`Nytt uppdrag: ${input.title}`, {
    heading: "Du har fått ett uppdrag",
    paragraphs: [`${input.groupName} har gett dig uppdraget ”${input.title}”.${input.dueOn ? ` Det ska vara klart ${stockholmLongDate(input.dueOn)}.` : ""}`],
    links: [{ label: "Mina uppdrag", url: input.listLink }],
  });
}
