/**
 * Issue 16, the chain as one flow on the real server in real Chromium, with the demo data (Skärholmen), axe on
 * every page visited, in order: an arbetsgrupp sends a report and the beredningsgrupp puts it on its agenda;
 * the lokal styrgrupp sends its report and hands over its decided lägesbild, and the stadsövergripande
 * beredningsgrupp sees both while the city-wide overview changes; the police side records a significant event
 * and the city's chair acknowledges it; a city-wide protocol, once justerat, appears at every lokal styrgrupp.
 * The demo already holds a sent report and handed-over lägesbilder: the test finds its own by their titles and
 * §, and reads the overview before and after. Then the access check: an Östermalm member sees nothing of
 * Skärholmen's reports, and the city-wide beredningsgrupp sees only what was sent to it.
 */
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { openDatabase, type Db } from "../../db/client";
import { paragraphLabel } from "../../db/domain/labels";
import { adoptDecision } from "../../db/queries/decisions";
import { ensureSituationPicture } from "../../db/queries/lagesbild";
import { advanceMeetingStatus } from "../../db/queries/meeting-lifecycle";
import { putUpForDecision } from "../../db/queries/steering-documents";
import { agreements, chainReports, decisions } from "../../db/schema";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie, thisYear } from "../support/collab-client";
import { getPath } from "../support/form-posts";
import { viewerByEmail } from "../support/seeded-db";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let db: Db;

const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
const period = { start: `${today.slice(0, 4)}-01-01`, end: today };
const titles = {
  arbetsgrupp: "Kedjan: arbetsgruppens rapport om avgränsade platser",
  styrgrupp: "Kedjan: Skärholmens rapport till staden",
  draft: "Kedjan: Skärholmens utkast som inte skickas",
  event: "Kedjan: planerad avspärrning under helgen",
};

const groupId = (name: string) => queryServerDatabase<{ id: number }>(server, "select id from groups where name = ?", name)[0]!.id;
const reportId = (title: string) => db.select({ id: chainReports.id }).from(chainReports).where(eq(chainReports.title, title)).get()!.id;

/** A person's page in their own browser context: logged in (on the home page, checked with axe), with console errors collected. */
async function pageOf(email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser);
  await logIn(opened.page, server.url, email);
  expect(await axeViolations(opened.page), `${email}: ${opened.page.url()}`).toEqual([]);
  return opened;
}

async function goTo(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  expect(await axeViolations(page), path).toEqual([]);
}

/** Starts a report from the reports page's form, by keyboard; returns its card. */
async function startReport(page: Page, title: string) {
  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Periodens första dag").fill(period.start);
  await page.getByLabel("Periodens sista dag").fill(period.end);
  await page.getByRole("button", { name: "Påbörja rapporten" }).press("Enter");
  await page.getByRole("status").filter({ hasText: "Rapporten är påbörjad." }).waitFor();
  const card = page.locator("section.card").filter({ has: page.getByRole("heading", { level: 3, name: title }) });
  await card.locator("[data-collab-connection='connected']").waitFor();
  return card;
}

async function sendReport(page: Page, card: ReturnType<Page["locator"]>, title: string) {
  await card.getByRole("button", { name: "Skicka rapporten" }).press("Enter");
  await page.getByRole("dialog").getByRole("button", { name: "Ja, skicka rapporten" }).press("Enter");
  await page.getByRole("status").filter({ hasText: "Rapporten är skickad" }).waitFor();
  await card.getByRole("link", { name: `${title} (PDF/A)` }).waitFor();
}

/** The overview's "Överlämnat" line of a district. */
const handedOverLine = (page: Page, area: string) => page.locator("#overlamnat + ul > li").filter({ hasText: `${area}:` });

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  db = openDatabase(server.databasePath).db;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the chain, in order", () => {
  let overviewBefore: string;
  let newParagraph: string;
  let cityMeetingId: number;

  it("before: the samordnare reads the overview, and no lokal styrgrupp has the city-wide protocol still awaiting justering", async () => {
    const { page, errors } = await pageOf("samordnare.stad@example.se");
    await page.getByRole("link", { name: "Stadsövergripande översikt" }).press("Enter");
    await page.getByRole("heading", { level: 1, name: `Stadsövergripande översikt ${thisYear}` }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    overviewBefore = (await handedOverLine(page, "Skärholmen").textContent()) ?? "";
    // The demo handed over Skärholmen's lägesbild already: the line exists before the test does anything.
    expect(overviewBefore).toContain(`Lägesbild ${thisYear}`);
    expect(errors).toEqual([]);
    await page.context().close();

    [{ id: cityMeetingId }] = queryServerDatabase<{ id: number }>(
      server,
      "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Stadsövergripande styrgrupp' and m.status = 'avslutat'",
    );
    for (const [group, email] of [
      ["Lokal styrgrupp Skärholmen", "karl.ljung@example.se"],
      ["Lokal styrgrupp Östermalm", "cecilia.wahlberg@example.se"],
      ["Lokal styrgrupp Hässelby-Vällingby", "birgitta.soderberg@example.se"],
    ]) {
      const groupPage = await getPath(server, `/grupper/${groupId(group)}`, await sessionCookie(server, email));
      expect(groupPage.status, group).toBe(200);
      expect(groupPage.body, group).not.toContain(`data-delivered-protocol="${cityMeetingId}"`);
    }
  });

  it("an arbetsgrupp sends a report; the beredningsgrupp's chair puts it on its meeting's agenda", async () => {
    const sender = await pageOf("daniel.lund@example.se");
    await goTo(sender.page, `/grupper/${groupId("Arbetsgrupp avgränsade platser")}`, "Arbetsgrupp avgränsade platser");
    await sender.page.getByRole("link", { name: "Rapporter", exact: true }).press("Enter");
    await sender.page.getByRole("heading", { level: 1, name: "Rapporter – Arbetsgrupp avgränsade platser" }).waitFor();
    expect(await axeViolations(sender.page)).toEqual([]);
    const card = await startReport(sender.page, titles.arbetsgrupp);
    // Prefilled from the demo's åtgärdsplan, with the rows' latest follow-ups.
    await card.getByText("Gemensamma trygghetsvandringar på plats A och plats B").waitFor();
    expect(await axeViolations(sender.page)).toEqual([]);
    await sendReport(sender.page, card, titles.arbetsgrupp);
    expect(sender.errors).toEqual([]);
    await sender.page.context().close();

    const receiver = await pageOf("linnea.holmberg@example.se");
    await goTo(receiver.page, `/grupper/${groupId("Lokal beredningsgrupp Skärholmen")}/rapporter`, "Rapporter – Lokal beredningsgrupp Skärholmen");
    const received = receiver.page.locator("section.card").filter({ has: receiver.page.getByRole("heading", { level: 3, name: titles.arbetsgrupp }) });
    await received.getByText(/Från Arbetsgrupp avgränsade platser/).waitFor();
    await received.getByLabel(`Möte för rapporten ”${titles.arbetsgrupp}”`).selectOption({ index: 0 });
    await received.getByRole("button", { name: "Lägg på dagordningen" }).press("Enter");
    await receiver.page.getByRole("status").filter({ hasText: "Rapporten är lagd på mötets dagordning." }).waitFor();
    expect(await axeViolations(receiver.page)).toEqual([]);
    await received.locator('a[href^="/moten/"]').press("Enter");
    await receiver.page.getByText(`Rapport: ${titles.arbetsgrupp} (Arbetsgrupp avgränsade platser)`).first().waitFor();
    expect(await axeViolations(receiver.page)).toEqual([]);
    expect(receiver.page.url()).toMatch(/\/moten\/\d+/);
    expect(receiver.errors).toEqual([]);
    await receiver.page.context().close();
  });

  it("the lokal styrgrupp sends its report and hands over its decided lägesbild; the city-wide beredningsgrupp sees both and the overview changes", async () => {
    // Set up through the db verbs (running a lokal styrgrupp meeting to a § in the browser is the meeting
    // tests' subject): the chair puts this year's lägesbild up for decision at the group's next meeting,
    // starts it and adopts the decision, so the lägesbild is fastställd again and not yet handed over.
    const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
    const agreementId = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
    const [{ id: meetingId }] = queryServerDatabase<{ id: number }>(
      server,
      "select id from meetings where group_id = ? and status = 'planerat' order by starts_at limit 1",
      groupId("Lokal styrgrupp Skärholmen"),
    );
    const picture = ensureSituationPicture(db, agreementId, thisYear, chair.id);
    const { agendaItemId } = putUpForDecision(db, chair, { kind: "lagesbild", id: picture.id }, meetingId);
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    adoptDecision(db, chair, { agendaItemId, kind: "lagesbild" });
    const decision = db.select().from(decisions).where(eq(decisions.agendaItemId, agendaItemId)).get()!;
    newParagraph = paragraphLabel(decision.number, decision.year);
    expect(overviewBefore).not.toContain(newParagraph);

    const { page, errors } = await pageOf("sdd.skarholmen@example.se");
    await goTo(page, `/grupper/${groupId("Lokal styrgrupp Skärholmen")}/rapporter`, "Rapporter – Lokal styrgrupp Skärholmen");
    const card = await startReport(page, titles.styrgrupp);
    await sendReport(page, card, titles.styrgrupp);
    // A second report stays a draft: the receiver must never see it.
    await startReport(page, titles.draft);
    expect(await axeViolations(page)).toEqual([]);

    await goTo(page, `/overenskommelser/skarholmen/lagesbild/${thisYear}`, `Gemensam lokal lägesbild ${thisYear}`);
    await page.getByText("Fastställd", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Överlämna till stadsövergripande beredningsgruppen" }).press("Enter");
    await page.getByRole("dialog").getByRole("button", { name: "Ja, överlämna" }).press("Enter");
    await page.getByRole("status").filter({ hasText: "Överlämnad till den stadsövergripande beredningsgruppen." }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();

    const city = await pageOf("samordnare.stad@example.se");
    const cityBeredning = groupId("Stadsövergripande beredningsgrupp");
    await goTo(city.page, `/grupper/${cityBeredning}/rapporter`, "Rapporter – Stadsövergripande beredningsgrupp");
    const inbox = city.page.locator("section.card").filter({ has: city.page.getByRole("heading", { level: 3, name: titles.styrgrupp }) });
    await inbox.getByText(/Från Lokal styrgrupp Skärholmen/).waitFor();
    expect(await city.page.getByText(titles.draft).count()).toBe(0);
    const pdf = await city.page.request.get(`${server.url}/rapporter/${reportId(titles.styrgrupp)}.pdf`);
    expect(pdf.status()).toBe(200);

    await goTo(city.page, `/grupper/${cityBeredning}`, "Stadsövergripande beredningsgrupp");
    const handedOver = city.page
      .getByRole("region", { name: "Överlämnade lägesbilder och åtgärdsplaner" })
      .getByRole("listitem")
      .filter({ hasText: newParagraph });
    await handedOver.getByText(new RegExp(`Lägesbild ${thisYear}, fastställd ${today}`)).waitFor();
    await handedOver.getByText(new RegExp(`överlämnad ${today}`)).waitFor();

    await goTo(city.page, "/stad/oversikt", `Stadsövergripande översikt ${thisYear}`);
    const after = (await handedOverLine(city.page, "Skärholmen").textContent()) ?? "";
    expect(after).not.toBe(overviewBefore);
    expect(after).toContain(`fastställd ${today}, ${newParagraph}, överlämnad ${today}`);
    expect(city.errors).toEqual([]);
    await city.page.context().close();
  });

  it("the police side records a significant event; the city's chair acknowledges it", async () => {
    const police = await pageOf("lpo.skarholmen@example.se");
    await goTo(police.page, "/overenskommelser/skarholmen/vasentliga-handelser", "Händelser av väsentlig betydelse");
    await police.page.getByLabel("Vad har hänt (rubrik)").fill(titles.event);
    await police.page.getByLabel("Datum").fill(today);
    await police.page.getByLabel("Beskrivning").fill("Polisen spärrar av ett område under helgen. Exempel i testet.");
    await police.page.getByRole("button", { name: "Registrera och underrätta" }).press("Enter");
    await police.page.getByRole("status").filter({ hasText: "Sara Lindqvist har underrättats" }).waitFor();
    const card = police.page.getByRole("listitem").filter({ has: police.page.getByRole("heading", { name: titles.event }) });
    await card.getByText("ej kvitterad").waitFor();
    expect(await axeViolations(police.page)).toEqual([]);
    expect(police.errors).toEqual([]);

    const chair = await pageOf("sdd.skarholmen@example.se");
    await goTo(chair.page, "/overenskommelser/skarholmen/vasentliga-handelser", "Händelser av väsentlig betydelse");
    const chairCard = chair.page.getByRole("listitem").filter({ has: chair.page.getByRole("heading", { name: titles.event }) });
    await chairCard.getByRole("button", { name: /^Kvittera/ }).press("Enter");
    await chair.page.getByRole("status").filter({ hasText: "Du har kvitterat händelsen." }).waitFor();
    await chairCard.getByText(/kvitterad \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    expect(await axeViolations(chair.page)).toEqual([]);
    expect(chair.errors).toEqual([]);
    await chair.page.context().close();

    await police.page.reload();
    await card.getByText(/kvitterad \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    await police.page.context().close();
  });

  it("the city-wide styrgrupp's chair justerar its protocol; it appears at every lokal styrgrupp", async () => {
    const [{ email }] = queryServerDatabase<{ email: string }>(
      server,
      "select p.email from minutes_approvers a join people p on p.id = a.person_id where a.meeting_id = ? and a.approved_at is null",
      cityMeetingId,
    );
    const chair = await pageOf(email);
    await goTo(chair.page, `/moten/${cityMeetingId}`, /Styrgruppsmöte/);
    await chair.page.getByRole("button", { name: "Justera protokollet" }).press("Enter");
    await chair.page.getByRole("dialog").getByRole("button", { name: "Ja, justera protokollet" }).press("Enter");
    await chair.page.getByRole("status").filter({ hasText: "Protokollet är justerat och låst" }).waitFor();
    expect(await axeViolations(chair.page)).toEqual([]);
    expect(chair.errors).toEqual([]);
    await chair.page.context().close();

    for (const [group, member] of [
      ["Lokal styrgrupp Skärholmen", "karl.ljung@example.se"],
      ["Lokal styrgrupp Östermalm", "cecilia.wahlberg@example.se"],
      ["Lokal styrgrupp Hässelby-Vällingby", "birgitta.soderberg@example.se"],
    ]) {
      const { page, errors } = await pageOf(member);
      await goTo(page, `/grupper/${groupId(group)}`, group);
      const delivered = page
        .getByRole("region", { name: "Protokoll från stadsövergripande styrgruppen" })
        .locator(`[data-delivered-protocol="${cityMeetingId}"]`);
      await delivered.getByText("Oläst", { exact: true }).waitFor();
      expect(await delivered.getByRole("link", { name: /^Protokoll .* \(PDF\)$/ }).getAttribute("href")).toBe(`/moten/${cityMeetingId}/protokoll.pdf`);
      expect(errors, group).toEqual([]);
      await page.context().close();
    }
  });
});

describe("who sees what of the chain", () => {
  it("an Östermalm member sees nothing of Skärholmen's reports; the city-wide beredningsgrupp sees only what was sent to it", async () => {
    const sent = reportId(titles.styrgrupp);
    const draft = reportId(titles.draft);
    const fromArbetsgrupp = reportId(titles.arbetsgrupp);
    const ostermalm = await sessionCookie(server, "cecilia.wahlberg@example.se");
    for (const path of [
      `/grupper/${groupId("Lokal styrgrupp Skärholmen")}/rapporter`,
      `/grupper/${groupId("Lokal beredningsgrupp Skärholmen")}/rapporter`,
      `/grupper/${groupId("Arbetsgrupp avgränsade platser")}/rapporter`,
      ...[sent, draft, fromArbetsgrupp].map((id) => `/rapporter/${id}.pdf`),
      ...[sent, draft, fromArbetsgrupp].map((id) => `/kommentarer/rapport-${id}`),
    ]) {
      expect((await getPath(server, path, ostermalm)).status, path).toBe(404);
    }
    // Östermalm's own reports page lists none of them.
    const own = await getPath(server, `/grupper/${groupId("Lokal styrgrupp Östermalm")}/rapporter`, ostermalm);
    expect(own.status).toBe(200);
    for (const title of Object.values(titles)) expect(own.body).not.toContain(title);

    for (const email of ["samordnare.stad@example.se", "ingrid.falk@example.se"]) {
      const city = await sessionCookie(server, email);
      const inbox = await getPath(server, `/grupper/${groupId("Stadsövergripande beredningsgrupp")}/rapporter`, city);
      expect(inbox.body, email).toContain(titles.styrgrupp);
      expect(inbox.body, email).not.toContain(titles.draft);
      // The arbetsgrupp's report went to its beredningsgrupp, not to the city.
      expect(inbox.body, email).not.toContain(titles.arbetsgrupp);
      expect((await getPath(server, `/rapporter/${sent}.pdf`, city)).status, email).toBe(200);
      for (const path of [
        `/rapporter/${draft}.pdf`,
        `/kommentarer/rapport-${draft}`,
        `/kommentarer/rapport-${sent}`,
        `/grupper/${groupId("Lokal styrgrupp Skärholmen")}/rapporter`,
      ]) {
        expect((await getPath(server, path, city)).status, `${email} ${path}`).toBe(404);
      }
    }
  });
});
