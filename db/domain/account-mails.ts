/**
 * The account e-mails (forgotten password, invitation): Swedish plain text and a simple HTML part
 * with the same content, a real link text and lang="sv" for screen readers. Pure: the caller
 * queues them (db/queries/account-tokens.ts).
 */

/** Shown on a one-time link's page and as the refusal of its post. */
export const unusableLinkMessage = "Länken går inte att använda: den har redan använts, har gått ut eller har ersatts av en nyare.";

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Paragraphs of plain text, one of which is the link; the HTML part makes the link a link. */
function mail(subject: string, paragraphs: string[], link: { text: string; url: string }, after: string[]): MailContent {
  const text = [...paragraphs, `${link.text}:\n${link.url}`, ...after, "Samverkan – Stockholms stad och Polisen"].join("\n\n") + "\n";
  const p = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const html = [
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...paragraphs.map(p),
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.text)}</a></p>`,
    ...after.map(p),
    p("Samverkan – Stockholms stad och Polisen"),
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

const notYou = "Om du inte har bett om detta kan du bortse från mejlet. Ingen ändring görs förrän någon väljer ett nytt lösenord via länken.";

export function passwordResetMail(input: { name: string; link: string; validMinutes: number }): MailContent {
  return mail(
    "Välj ett nytt lösenord till Samverkan",
    [`Hej ${input.name}!`, "Någon, förhoppningsvis du, har bett om att få välja ett nytt lösenord till Samverkan."],
    { text: "Välj ett nytt lösenord", url: input.link },
    [
      `Länken gäller i ${input.validMinutes} minuter och kan bara användas en gång. När du har valt ett nytt lösenord loggas du ut överallt och loggar in med det nya.`,
      notYou,
    ],
  );
}

export function invitationMail(input: { name: string; invitedBy: string; link: string; validDays: number }): MailContent {
  return mail(
    "Inbjudan till Samverkan",
    [
      `Hej ${input.name}!`,
      `${input.invitedBy} har bjudit in dig till Samverkan, stödet för samverkansmöten mellan Stockholms stad och Polisen. Välj ditt lösenord för att komma igång.`,
    ],
    { text: "Välj ditt lösenord", url: input.link },
    [`Länken gäller i ${input.validDays} dagar och kan bara användas en gång. Din inloggning är din e-postadress.`],
  );
}

/** The invitation of someone whose organisation signs in through its identity provider: no password, a link to the login page. */
export function providerInvitationMail(input: { name: string; invitedBy: string; link: string }): MailContent {
  return mail(
    "Inbjudan till Samverkan",
    [
      `Hej ${input.name}!`,
      `${input.invitedBy} har bjudit in dig till Samverkan, stödet för samverkansmöten mellan Stockholms stad och Polisen.`,
      "Din organisation loggar in med sin egen inloggningstjänst, så du behöver inget lösenord: välj din organisations knapp på inloggningssidan och logga in som du brukar.",
    ],
    { text: "Gå till inloggningen", url: input.link },
    ["Samverkan känner igen dig på din e-postadress hos din organisation."],
  );
}
