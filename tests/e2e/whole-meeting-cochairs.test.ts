/**
 * Issue 11 in Chromium: a whole meeting of Lokal styrgrupp Skärholmen run by its
 * two co-chairs (the police co-chair leads, then hands over to the city's) and a
 * ledamot: the standard agenda, every ärende a § in order in the PDF, a guest
 * under Övriga närvarande and not among beslutande, an uppdrag under its §, a
 * bordlagt ärende, a double-clicked "Fatta beslut" giving one §, the draft PDF
 * watermarked, the final PDF's Justeras block naming every approval, and the
 * locked meeting refusing omedelbar justering on the server. axe on the running
 * and the locked page; focus after the meeting actions.
 */
import Database from "better-sqlite3";
import type { Browser, Locator, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { diagonalTexts, readPdf, section } from "../support/pdf-text";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const POLICE_CHAIR = { email: "lpo.skarholmen@example.se", name: "Johan Bergström" };
const CITY_CHAIR = { email: "sdd.skarholmen@example.se", name: "Sara Lindqvist" };
const LEDAMOT = { email: "karl.ljung@example.se", name: "Karl Ljung" };
const SECRETARY = { email: "linnea.holmberg@example.se", name: "Linnea Holmberg" };

const agendaItem = (page: Page, title: string) => page.locator(`[data-agenda-item="${title}"]`);
const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

async function submitAndSee(page: Page, button: Locator, message: string | RegExp) {
  await button.click();
  await page.locator(".meeting-result").getByText(message).waitFor();
}

async function confirmAndSee(page: Page, button: Locator, confirmLabel: string, message: string | RegExp) {
  await button.click();
  await submitAndSee(page, page.getByRole("dialog").getByRole("button", { name: confirmLabel }), message);
}

async function typeInto(page: Page, editor: Locator, text: string) {
  await editor.and(page.locator('[data-collab-editable="true"]')).waitFor();
  await editor.locator("[data-collab-content]").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function pdfOf(page: Page, path: string) {
  const response = await page.request.get(`${server.url}${path}`);
  expect(response.status()).toBe(200);
  const bytes = new Uint8Array(await response.body());
  return { bytes, ...(await readPdf(bytes)) };
}

/** The titles of the §§ as the PDF prints them ("§ 4/2026 Lägesbild"), in the order they appear. */
function paragraphHeadings(text: string, titles: string[]): { title: string; at: number; label: string }[] {
  return titles
    .map((title) => {
      const match = new RegExp(`§ (\\d+)/(\\d{4}) ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).exec(text);
      return { title, at: match?.index ?? -1, label: match ? `§ ${match[1]}/${match[2]}` : "" };
    })
    .sort((a, b) => a.at - b.at);
}

describe("a whole meeting run by the two co-chairs and a ledamot", () => {
  it("from the standard agenda to the justerat protocol, every ärende a §", async () => {
    const { page: police, errors } = await newPage(browser);
    const { page: ledamot } = await newPage(browser);
    await logIn(police, server.url, POLICE_CHAIR.email);
    await logIn(ledamot, server.url, LEDAMOT.email);

    // The police co-chair calls the meeting for today; it comes with the group's standard agenda.
    await police.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
    await police.getByText("Kalla till nytt möte").click();
    await police.getByLabel("Datum").fill(new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date()));
    await police.getByLabel("Börjar").fill("09:00");
    await police.getByLabel("Slutar").fill("11:00");
    await police.getByLabel("Plats").fill("Sammanträdesrum 1");
    await Promise.all([police.waitForURL(/\/moten\/\d+$/), police.getByRole("button", { name: "Skapa möte" }).click()]);
    const meetingPath = new URL(police.url()).pathname;
    const meetingId = Number(meetingPath.split("/").pop());
    await police.locator("[data-agenda-item]").first().waitFor();
    const standard = (await police.locator("[data-agenda-item]").evaluateAll((items) => items.map((i) => i.getAttribute("data-agenda-item")!))) as string[];
    expect(standard[0]).toBe("Mötets öppnande");
    expect(standard.slice(-2)).toEqual(["Övriga frågor", "Mötets avslutande"]);

    // The ledamot adds a decision ärende; it lands before Övriga frågor, and the chair sees it live.
    await ledamot.goto(`${server.url}${meetingPath}`);
    const addItem = async (page: Page, title: string, kind: string) => {
      const form = page.locator("form", { has: page.getByRole("button", { name: "Lägg till ärende" }) });
      await form.getByLabel("Rubrik").fill(title);
      await form.getByLabel("Typ av ärende").selectOption(kind);
      await submitAndSee(page, form.getByRole("button", { name: "Lägg till ärende" }), `Ärendet ”${title}” är tillagt.`);
    };
    await addItem(ledamot, "Trygghetsvandring i centrum", "beslut");
    await addItem(police, "Rapport om belysningen", "information");
    // The ledamot's ärende reaches the police page live: wait for the agenda as a whole, not one heading.
    const lastFour = () => police.locator("[data-agenda-item]").evaluateAll((items) => items.map((i) => i.getAttribute("data-agenda-item")).slice(-4));
    await expect.poll(lastFour, { timeout: 10_000 }).toEqual(["Trygghetsvandring i centrum", "Rapport om belysningen", "Övriga frågor", "Mötets avslutande"]);

    // Attendance: everyone called is present, and a guest from another administration.
    await submitAndSee(police, police.getByRole("button", { name: "Markera alla kallade som närvarande" }), /kallade är markerade som närvarande/);
    await police.getByText("Lägg till adjungerad gäst").click();
    const guestForm = police.locator("form", { has: police.getByRole("button", { name: "Lägg till gäst" }) });
    await guestForm.getByLabel("Namn").fill("Gunilla Gäst");
    await guestForm.getByLabel("Organisation").fill("Trafikkontoret");
    await submitAndSee(police, guestForm.getByRole("button", { name: "Lägg till gäst" }), /Gunilla Gäst/);

    // Justerare: the ledamot. The police co-chair starts the meeting and so leads it.
    const justerare = police.locator("form", { has: police.getByRole("button", { name: "Spara justerare" }) });
    await justerare.getByLabel(LEDAMOT.name).check();
    await submitAndSee(police, justerare.getByRole("button", { name: "Spara justerare" }), "Justerare är valda.");
    await submitAndSee(police, police.getByRole("button", { name: "Starta mötet" }), "Mötet har startat.");
    await police.locator(`[data-meeting-chair="${POLICE_CHAIR.name}"]`).waitFor();

    // The decision: proposal typed, then "Fatta beslut" double-clicked: one §, focus on it.
    const decisionItem = agendaItem(police, "Trygghetsvandring i centrum");
    await typeInto(
      police,
      decisionItem.locator('[data-collab-doc$="-decision"]'),
      "Styrgruppen beslutar att genomföra en trygghetsvandring i centrum under våren.",
    );
    await police.waitForTimeout(300);
    await decisionItem.getByRole("button", { name: "Fatta beslut om Trygghetsvandring i centrum" }).dblclick();
    await police
      .locator(".meeting-result")
      .getByText(/Beslutet är fattat som § \d+\/\d{4}\./)
      .waitFor();
    const adopted = decisionItem.locator("[data-paragraph]");
    await adopted.waitFor();
    expect(await adopted.count()).toBe(1);
    await expect.poll(() => isFocused(adopted)).toBe(true);
    const decisionLabel = (await adopted.getAttribute("data-paragraph"))!;
    const itemId = query<{ id: number }>("select id from agenda_items where meeting_id = ? and title = ?", meetingId, "Trygghetsvandring i centrum")[0].id;
    expect(query("select id from decisions where agenda_item_id = ?", itemId)).toHaveLength(1);
    // Dealing with it gave every ärende before it its § first.
    expect(query<{ n: number }>("select count(*) as n from paragraphs where meeting_id = ?", meetingId)[0].n).toBe(standard.length - 2 + 1);

    // An uppdrag under that ärende, for the ledamot.
    const actionForm = police.locator("form", { has: police.getByRole("button", { name: "Lägg till uppdrag" }) });
    await actionForm.getByLabel("Uppdrag").fill("Boka datum för trygghetsvandringen");
    await actionForm.getByLabel("Ansvarig").selectOption({ label: LEDAMOT.name });
    await actionForm.getByLabel("Från ärende").selectOption({ label: "Trygghetsvandring i centrum" });
    await submitAndSee(police, actionForm.getByRole("button", { name: "Lägg till uppdrag" }), "Uppdraget är tillagt.");

    // The report is bordlagt: it gets its §, says so, and focus goes to its heading.
    const report = agendaItem(police, "Rapport om belysningen");
    await submitAndSee(police, report.getByRole("button", { name: "Bordlägg Rapport om belysningen" }), /Ärendet är bordlagt \(§ \d+\/\d{4}\)/);
    await report.locator('[data-outcome="bordlagt"]').waitFor();
    await expect.poll(() => isFocused(report.getByRole("heading").first())).toBe(true);
    expect(await axeViolations(police)).toEqual([]);

    // The city's co-chair takes over the chair for the rest of the meeting.
    const { page: city } = await newPage(browser);
    await logIn(city, server.url, CITY_CHAIR.email);
    await city.goto(`${server.url}${meetingPath}`);
    await city.getByLabel("Mötesordförande").selectOption({ label: CITY_CHAIR.name });
    await submitAndSee(city, city.getByRole("button", { name: "Byt mötesordförande" }), "Mötesordföranden är ändrad.");

    // The draft protocol while the meeting runs: watermarked, the §§ so far in order, the rest listed as not yet dealt with.
    const draft = await pdfOf(ledamot, `${meetingPath}/protokoll.pdf`);
    expect(draft.text).toContain("UTKAST – ej justerat");
    const marks = await diagonalTexts(draft.bytes);
    expect(marks).toHaveLength(draft.totalPages);
    for (const page of marks) expect(page.join(" ")).toContain("UTKAST – ej justerat");
    expect(section(draft.text, "Ännu inte behandlade ärenden", "Justeras")).toContain("Övriga frågor");

    // The city chair ends the meeting: the closing ärenden get their §§ under her chair.
    await confirmAndSee(city, city.getByRole("button", { name: "Avsluta mötet" }), "Ja, avsluta mötet", "Mötet är avslutat.");
    expect(query<{ n: number }>("select count(*) as n from paragraphs where meeting_id = ?", meetingId)[0].n).toBe(standard.length + 2);

    // Approvals: the chair who led (now the city's), the justerare and the sekreterare.
    const { page: secretary } = await newPage(browser);
    await logIn(secretary, server.url, SECRETARY.email);
    for (const page of [ledamot, secretary]) {
      await page.goto(`${server.url}${meetingPath}`);
      await confirmAndSee(page, page.getByRole("button", { name: "Justera protokollet" }), "Ja, justera protokollet", "Ditt godkännande är registrerat.");
    }
    await city.reload();
    await confirmAndSee(city, city.getByRole("button", { name: "Justera protokollet" }), "Ja, justera protokollet", "Protokollet är justerat och låst.");
    await city.locator('[data-meeting-status="justerat"]').waitFor();
    expect(await axeViolations(city)).toEqual([]);

    // The justerat protocol: every ärende a § in agenda order, the guest among övriga närvarande only,
    // the uppdrag under its §, the bordlagt § saying so, who chaired which §, and the Justeras block.
    const final = await pdfOf(city, `${meetingPath}/protokoll.pdf`);
    expect(final.text).not.toContain("UTKAST");
    const headings = paragraphHeadings(final.text, [...standard.slice(0, -2), "Trygghetsvandring i centrum", "Rapport om belysningen", ...standard.slice(-2)]);
    expect(headings.every((h) => h.at >= 0)).toBe(true);
    expect(headings.map((h) => h.title)).toEqual([...standard.slice(0, -2), "Trygghetsvandring i centrum", "Rapport om belysningen", ...standard.slice(-2)]);
    const numbers = headings.map((h) => Number(h.label.match(/§ (\d+)/)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    // The register's § of the decision is the protocol's.
    expect(headings.find((h) => h.title === "Trygghetsvandring i centrum")!.label).toBe(decisionLabel);

    const beslutande = section(final.text, "Beslutande", "Övriga närvarande");
    for (const name of [POLICE_CHAIR.name, CITY_CHAIR.name, LEDAMOT.name]) expect(beslutande).toContain(name);
    expect(beslutande).not.toContain("Gunilla Gäst");
    expect(section(final.text, "Övriga närvarande", "Justerare")).toContain("Gunilla Gäst");

    const decisionSection = section(final.text, `Trygghetsvandring i centrum`, "Rapport om belysningen");
    expect(decisionSection).toContain("Beslut");
    expect(decisionSection).toContain("Styrgruppen beslutar att genomföra en trygghetsvandring i centrum under våren.");
    expect(decisionSection).toContain(`${LEDAMOT.name}: Boka datum för trygghetsvandringen.`);
    // Dealt with while the police co-chair led; the head names the city's, who led at the end.
    expect(decisionSection).toContain(`Ordförande vid paragrafen: ${POLICE_CHAIR.name}`);
    expect(section(final.text, "Rapport om belysningen", "Övriga frågor")).toContain("Ärendet bordläggs och förs till nästa sammanträde.");
    expect(section(final.text, "Övriga frågor", "Justeras")).not.toContain("Ordförande vid paragrafen");

    const justeras = final.text.slice(final.text.lastIndexOf("Justeras"));
    const signed = [`Ordförande: ${CITY_CHAIR.name}`, `Justerare: ${LEDAMOT.name}`, `Sekreterare: ${SECRETARY.name}`].map((line) => justeras.indexOf(line));
    expect(signed.every((at) => at >= 0)).toBe(true);
    expect(signed).toEqual([...signed].sort((a, b) => a - b));
    expect(justeras.match(/Justerat digitalt \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}/g)).toHaveLength(3);

    // Locked: omedelbar justering of the § is neither offered nor accepted.
    expect(await city.getByRole("button", { name: /omedelbart/ }).count()).toBe(0);
    const decisionId = query<{ id: number }>("select id from decisions where agenda_item_id = ?", itemId)[0].id;
    const cookies = (await city.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const refused = await fetch(`${server.url}${meetingPath}`, {
      method: "POST",
      headers: { Cookie: cookies, Origin: server.url },
      body: new URLSearchParams({ intent: "approve-paragraph", decisionId: String(decisionId) }),
    });
    expect(await refused.text()).toContain("Protokollet är justerat och låst");
    expect(query("select id from decision_approvals where decision_id = ?", decisionId)).toHaveLength(0);
    expect(errors).toEqual([]);
  });
});
