/**
 * Issue 16, reports up the chain, on the real server: the arbetsgrupp's chair starts a report prefilled
 * from the åtgärdsplan, a member writes in it with the stock y-websocket client, the chair sends it (the
 * PDF/A is served with its SHA-256, the client's next edit is refused), and the beredningsgrupp's chair
 * finds it in the inbox and puts it on its meeting's agenda; the lokal styrgrupp's report reaches the
 * stadsövergripande beredningsgrupp. Access: another agreement, another arbetsgrupp, the receiver of a
 * draft, a logged-out tab. Then the same in Chromium by keyboard, with axe on the new page.
 */
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { openDatabase, type Db } from "../../db/client";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { actionPlanRows, actionRowReports, agendaItems, agreements, chainReports, people } from "../../db/schema";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { getPath, postAction } from "../support/form-posts";
import { readPdf, squash } from "../support/pdf-text";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let db: Db;
const cookies = new Map<string, string>();
const cookieOf = async (email: string) => cookies.get(email) ?? cookies.set(email, await sessionCookie(server, email)).get(email)!;

const ARBETSGRUPP = 5; // Arbetsgrupp avgränsade platser (Skärholmen): Daniel Lund ordförande, Ahmed Yusuf ledamot
const BEREDNING = 4; // Lokal beredningsgrupp Skärholmen: Linnea Holmberg ordförande
const STYRGRUPP = 3; // Lokal styrgrupp Skärholmen
const CITY_BEREDNING = 2; // Stadsövergripande beredningsgrupp: Ingrid Falk ordförande
const BEREDNING_MEETING = 14; // the beredningsgrupp's planned meeting
const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
const period = { periodStart: `${today.slice(0, 4)}-01-01`, periodEnd: today };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  db = openDatabase(server.databasePath).db;
  const agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
  const plan = ensureActionPlan(db, agreementId, null);
  const daniel = db.select().from(people).where(eq(people.email, "daniel.lund@example.se")).get()!;
  const row = db
    .insert(actionPlanRows)
    .values({ planId: plan.id, uid: "rapportrad01", position: 0, measure: "Belysning i gångtunneln vid torget", updatedAt: new Date().toISOString() })
    .returning()
    .get();
  db.insert(actionRowReports)
    .values({ rowId: row.id, status: "pagar", rag: "gult", comment: "Lamporna är beställda", reportedBy: daniel.id, reportedAt: new Date().toISOString() })
    .run();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const reportsPath = (groupId: number) => `/grupper/${groupId}/rapporter`;
const reportByTitle = (title: string) => db.select().from(chainReports).where(eq(chainReports.title, title)).get();

async function startReport(email: string, groupId: number, title: string): Promise<number> {
  const answer = await postAction(server, reportsPath(groupId), await cookieOf(email), { intent: "create-report", title, ...period });
  expect(answer.status, answer.body).toBe(200);
  return reportByTitle(title)!.id;
}

describe("over HTTP and the stock collaboration client", () => {
  let reportId: number;
  let draftId: number;

  it("the arbetsgrupp's chair starts a prefilled report; a member writes in it; the chair sends it and the client's next edit is refused", async () => {
    reportId = await startReport("daniel.lund@example.se", ARBETSGRUPP, "Arbetsgruppens rapport");
    const member = connectClient(server, `rapport-${reportId}`, await cookieOf("ahmed.yusuf@example.se"));
    try {
      await waitForSync(member);
      expect(member.text()).toContain("Belysning i gångtunneln vid torget");
      expect(member.text()).toContain("Pågår (Gult) – Lamporna är beställda");
      appendParagraph(member.doc, "Ahmeds tillägg om kvällarna.");
      await waitFor(
        () => (db.$client.prepare("select count(*) as n from document_updates where document_name = ?").get(`rapport-${reportId}`) as { n: number }).n > 0,
        10_000,
        "the member's edit stored",
      );

      // Sending asks first: without the confirmation nothing is sent.
      const chair = await cookieOf("daniel.lund@example.se");
      await postAction(server, reportsPath(ARBETSGRUPP), chair, { intent: "send-report", reportId: String(reportId) });
      expect(reportByTitle("Arbetsgruppens rapport")!.status).toBe("utkast");
      // A member who is not chair or secretary cannot send it.
      const refused = await postAction(server, reportsPath(ARBETSGRUPP), await cookieOf("ahmed.yusuf@example.se"), {
        intent: "send-report",
        reportId: String(reportId),
        confirm: "ja",
      });
      expect(refused.status).toBe(403);
      const sent = await postAction(server, reportsPath(ARBETSGRUPP), chair, { intent: "send-report", reportId: String(reportId), confirm: "ja" });
      expect(sent.body).toContain("Rapporten är skickad och arkiverad som PDF/A.");
      const report = reportByTitle("Arbetsgruppens rapport")!;
      expect(report.status).toBe("skickad");
      expect(report.frozenText).toContain("Ahmeds tillägg om kvällarna.");

      appendParagraph(member.doc, "För sent.");
      await waitFor(() => member.closeEvents.some((e) => e.code === 4423), 10_000, "the locked document's refusal");
    } finally {
      member.destroy();
    }
    expect(reportByTitle("Arbetsgruppens rapport")!.frozenText).not.toContain("För sent.");
  });

  it("serves the sent report's PDF/A with its SHA-256 to the receiver, in its inbox; the chair puts it on the meeting's agenda", async () => {
    const linnea = await cookieOf("linnea.holmberg@example.se");
    const response = await fetch(`${server.url}/rapporter/${reportId}.pdf`, { headers: { Cookie: linnea } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    const stored = reportByTitle("Arbetsgruppens rapport")!;
    expect(createHash("sha256").update(pdf).digest("hex")).toBe(stored.pdfSha256);
    const { text } = await readPdf(pdf);
    expect(squash(text)).toContain("Ahmeds tillägg om kvällarna.");

    const inbox = await getPath(server, reportsPath(BEREDNING), linnea);
    expect(inbox.status).toBe(200);
    expect(inbox.body).toContain("Arbetsgruppens rapport");
    expect(inbox.body).toContain(`SHA-256 ${stored.pdfSha256!.slice(0, 12)}`);
    const put = await postAction(server, reportsPath(BEREDNING), linnea, {
      intent: "report-to-agenda",
      reportId: String(reportId),
      meetingId: String(BEREDNING_MEETING),
    });
    expect(put.body).toContain("Rapporten är lagd på mötets dagordning.");
    const item = db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, BEREDNING_MEETING), eq(agendaItems.reportId, reportId)))
      .get()!;
    expect(item.title).toBe("Rapport: Arbetsgruppens rapport (Arbetsgrupp avgränsade platser)");
    const meeting = await getPath(server, `/moten/${BEREDNING_MEETING}`, linnea);
    expect(meeting.body).toContain(`/rapporter/${reportId}.pdf`);
  });

  it("the lokal styrgrupp's report reaches the stadsövergripande beredningsgrupp, which sees only what was sent", async () => {
    const chair = await cookieOf("sdd.skarholmen@example.se");
    draftId = await startReport("sdd.skarholmen@example.se", STYRGRUPP, "Skärholmens utkast");
    const sentId = await startReport("sdd.skarholmen@example.se", STYRGRUPP, "Skärholmen till staden");
    await postAction(server, reportsPath(STYRGRUPP), chair, { intent: "send-report", reportId: String(sentId), confirm: "ja" });
    const city = await getPath(server, reportsPath(CITY_BEREDNING), await cookieOf("ingrid.falk@example.se"));
    expect(city.body).toContain("Skärholmen till staden");
    expect(city.body).not.toContain("Skärholmens utkast");
  });

  it("refuses another agreement, another arbetsgrupp, the receiver of a draft and a logged-out tab; a crafted post stores nothing", async () => {
    const ostermalm = await cookieOf("cecilia.wahlberg@example.se");
    expect((await getPath(server, reportsPath(ARBETSGRUPP), ostermalm)).status).toBe(404);
    expect((await getPath(server, `/rapporter/${reportId}.pdf`, ostermalm)).status).toBe(404);
    const before = db.select().from(chainReports).all().length;
    const crafted = await postAction(server, reportsPath(ARBETSGRUPP), ostermalm, { intent: "create-report", title: "Intrång", ...period });
    expect(crafted.status).toBe(404);
    expect(db.select().from(chainReports).all().length).toBe(before);
    // A member of Hässelby-Vällingby's arbetsgrupp reads nothing of Skärholmen's.
    expect((await getPath(server, `/rapporter/${reportId}.pdf`, await cookieOf("filip.akesson@example.se"))).status).toBe(404);
    // The receiver of a draft: no PDF, no live document.
    const cityChair = await cookieOf("ingrid.falk@example.se");
    expect((await getPath(server, `/rapporter/${draftId}.pdf`, cityChair)).status).toBe(404);
    const peek = connectClient(server, `rapport-${draftId}`, cityChair, { shouldReconnect: () => false });
    try {
      await waitFor(() => peek.closeEvents.length > 0, 10_000, "the refusal");
      // Answered like a document that does not exist: a draft is not the receiver's to know of.
      expect(peek.closeEvents[0].code).toBe(4404);
      expect(peek.text()).toBe("");
    } finally {
      peek.destroy();
    }
    for (const path of [reportsPath(ARBETSGRUPP), `/rapporter/${reportId}.pdf`]) {
      const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });
});

it("in Chromium: an arbetsgrupp's chair sends a report; the beredningsgrupp's chair puts it on its agenda (keyboard, axe)", async () => {
  const title = "Barn och unga hösten";
  const sender = await newPage(browser);
  await logIn(sender.page, server.url, "yasmin.abdi@example.se");
  await sender.page.goto(`${server.url}/grupper/10`);
  await sender.page.getByRole("link", { name: "Rapporter", exact: true }).press("Enter");
  await sender.page.getByRole("heading", { level: 1, name: "Rapporter – Arbetsgrupp barn och unga" }).waitFor();
  expect(await axeViolations(sender.page)).toEqual([]);
  await sender.page.getByLabel("Rubrik").fill(title);
  await sender.page.getByLabel("Periodens första dag").fill(period.periodStart);
  await sender.page.getByLabel("Periodens sista dag").fill(period.periodEnd);
  await sender.page.getByRole("button", { name: "Påbörja rapporten" }).press("Enter");
  await sender.page.getByRole("status").filter({ hasText: "Rapporten är påbörjad." }).waitFor();
  const card = sender.page.locator("section.card").filter({ has: sender.page.getByRole("heading", { name: title }) });
  await card.getByText(/Rapport från Arbetsgrupp barn och unga till Lokal beredningsgrupp Hässelby-Vällingby/).waitFor();
  expect(await axeViolations(sender.page)).toEqual([]);
  await card.getByRole("button", { name: "Skicka rapporten" }).press("Enter");
  await sender.page.getByRole("dialog").getByRole("button", { name: "Ja, skicka rapporten" }).press("Enter");
  await sender.page.getByRole("status").filter({ hasText: "Rapporten är skickad" }).waitFor();
  await card.getByRole("link", { name: `${title} (PDF/A)` }).waitFor();
  expect(sender.errors).toEqual([]);

  const receiver = await newPage(browser);
  await logIn(receiver.page, server.url, "malin.eklund@example.se");
  await receiver.page.goto(`${server.url}/grupper/9/rapporter`);
  const received = receiver.page.locator("section.card").filter({ has: receiver.page.getByRole("heading", { name: title }) });
  await received.getByText(/Från Arbetsgrupp barn och unga/).waitFor();
  await received.getByText(/SHA-256 [0-9a-f]{12}…/).waitFor();
  expect(await axeViolations(receiver.page)).toEqual([]);
  await received.getByLabel(`Möte för rapporten ”${title}”`).selectOption({ index: 0 });
  await received.getByRole("button", { name: "Lägg på dagordningen" }).press("Enter");
  await receiver.page.getByRole("status").filter({ hasText: "Rapporten är lagd på mötets dagordning." }).waitFor();
  await received.getByText("På dagordningen för:").waitFor();
  expect(await axeViolations(receiver.page)).toEqual([]);
  expect(receiver.errors).toEqual([]);
});
