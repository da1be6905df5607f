import { and, eq, isNull } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { openDatabase, type Db } from "../../db/client";
import { actionPlanRows, actionPlans, agreements } from "../../db/schema";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { addPlanRow } from "../../app/components/plan/plan-doc";
import { connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let db: Db;
const planPath = "/overenskommelser/skarholmen/atgardsplan";

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  db = openDatabase(server.databasePath).db;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPlan(email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser);
  await logIn(opened.page, server.url, email);
  await opened.page.goto(`${server.url}${planPath}`);
  await opened.page.locator('[data-plan-connection="connected"]').waitFor();
  return opened;
}

const row = (page: Page, uid: string) => page.locator(`[data-row-uid="${uid}"]`);
const field = (page: Page, uid: string, label: string) => row(page, uid).getByLabel(label, { exact: true });

function mirroredRows() {
  const agreement = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!;
  const plan = db.select().from(actionPlans).where(eq(actionPlans.agreementId, agreement.id)).get();
  if (!plan) return [];
  return db
    .select()
    .from(actionPlanRows)
    .where(and(eq(actionPlanRows.planId, plan.id), isNull(actionPlanRows.removedAt)))
    .all();
}

/** Adds a row from `page` and returns its uid once the other pages show it. */
async function addRow(page: Page, ...others: Page[]): Promise<string> {
  const before = new Set(await page.locator("[data-row-uid]").evaluateAll((els) => els.map((el) => el.getAttribute("data-row-uid"))));
  await page.getByRole("button", { name: "Lägg till åtgärd" }).click();
  let uid = "";
  for (let i = 0; i < 100 && !uid; i++) {
    const now = await page.locator("[data-row-uid]").evaluateAll((els) => els.map((el) => el.getAttribute("data-row-uid")));
    uid = now.find((u) => u && !before.has(u)) ?? "";
    if (!uid) await page.waitForTimeout(50);
  }
  for (const other of others) await openRow(other, uid);
  return uid;
}

/** Opens a closed row in place (rows added on a page open by themselves). */
async function openRow(page: Page, uid: string): Promise<void> {
  await row(page, uid)
    .getByRole("button", { name: /^Öppna/ })
    .click();
  await row(page, uid)
    .getByRole("button", { name: /^Stäng/ })
    .waitFor();
}

describe("the åtgärdsplan in the browser", () => {
  it("two browsers edit different fields of one row at once and both edits survive, in both browsers and in SQL", async () => {
    const chair = await openPlan("sdd.skarholmen@example.se");
    const police = await openPlan("lpo.skarholmen@example.se");
    const uid = await addRow(chair.page, police.page);
    await Promise.all([
      (async () => {
        await field(chair.page, uid, "Åtgärd").fill("Trygghetsvandringar varje torsdag");
        await field(chair.page, uid, "Åtgärd").blur();
      })(),
      (async () => {
        await field(police.page, uid, "Operativt mål").fill("Färre anmälda rån vid torget");
        await field(police.page, uid, "Operativt mål").blur();
      })(),
    ]);
    for (const page of [chair.page, police.page]) {
      await expect.poll(() => field(page, uid, "Åtgärd").inputValue(), { timeout: 5_000 }).toBe("Trygghetsvandringar varje torsdag");
      await expect.poll(() => field(page, uid, "Operativt mål").inputValue(), { timeout: 5_000 }).toBe("Färre anmälda rån vid torget");
    }
    await waitFor(() => mirroredRows().some((r) => r.uid === uid && r.measure !== "" && r.goal !== ""), 5_000, "both fields in SQL");
    expect(mirroredRows().find((r) => r.uid === uid)).toMatchObject({ measure: "Trygghetsvandringar varje torsdag", goal: "Färre anmälda rån vid torget" });
    expect(chair.errors).toEqual([]);
    expect(police.errors).toEqual([]);
    await chair.page.context().close();
    await police.page.context().close();
  });

  it("shows a same-field conflict with both values and who else wrote, and keeps my text when I choose so", async () => {
    const chair = await openPlan("sdd.skarholmen@example.se");
    const police = await openPlan("lpo.skarholmen@example.se");
    const uid = await addRow(chair.page, police.page);
    const mine = field(police.page, uid, "Indikator");
    await mine.click();
    await mine.pressSequentially("Polisens indikator");
    const theirs = field(chair.page, uid, "Indikator");
    await theirs.click();
    await chair.page.waitForTimeout(200);
    await theirs.fill("Stadens indikator");
    await theirs.blur();
    const notice = row(police.page, uid).getByRole("alert");
    await expect.poll(() => notice.textContent(), { timeout: 5_000 }).toContain("Stadens indikator");
    expect(await notice.textContent()).toContain("Polisens indikator");
    expect(await notice.textContent()).toContain("Sara Lindqvist");
    expect(await mine.inputValue()).toBe("Polisens indikator");
    expect(await axeViolations(police.page)).toEqual([]);
    await notice.getByRole("button", { name: "Behåll min" }).click();
    await expect.poll(() => theirs.inputValue(), { timeout: 5_000 }).toBe("Polisens indikator");
    await waitFor(() => mirroredRows().some((r) => r.uid === uid && r.indicator === "Polisens indikator"), 5_000, "the kept text in SQL");
    await chair.page.context().close();
    await police.page.context().close();
  });

  it("records status reports as history, and the responsible person reports under Mina åtgärder", async () => {
    const chair = await openPlan("sdd.skarholmen@example.se");
    const uid = await addRow(chair.page);
    await field(chair.page, uid, "Åtgärd").fill("Uppsökande arbete kvällstid");
    await field(chair.page, uid, "Åtgärd").blur();
    await field(chair.page, uid, "Ansvarig person").selectOption({ label: "Johan Bergström" });
    await waitFor(() => mirroredRows().some((r) => r.uid === uid && r.responsiblePersonId !== null), 5_000, "the row in SQL");
    await chair.page.reload();
    await chair.page.locator('[data-plan-connection="connected"]').waitFor();
    await openRow(chair.page, uid);
    await row(chair.page, uid).getByText("Anteckningar och uppföljning").click();
    await row(chair.page, uid).locator(`[data-collab-doc="atgard-${mirroredRows()[0].planId}-${uid}"][data-collab-connection="connected"]`).waitFor();
    const form = row(chair.page, uid).locator("form.report-form");
    await form.getByLabel("Status").selectOption({ label: "Pågår" });
    await form.getByLabel("Gult").check();
    await form.getByLabel("Kommentar").fill("Två kvällar av fyra bemannade");
    await form.getByRole("button", { name: "Rapportera" }).click();
    const history = row(chair.page, uid).locator("[data-report]");
    await expect.poll(() => history.count(), { timeout: 5_000 }).toBe(1);
    await form.getByLabel("Status").selectOption({ label: "Stoppad" });
    await form.getByLabel("Rött").check();
    await form.getByLabel("Kommentar").fill("Personalbrist");
    await form.getByRole("button", { name: "Rapportera" }).click();
    await expect.poll(() => history.count(), { timeout: 5_000 }).toBe(2);
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
    expect(await history.first().textContent()).toMatch(new RegExp(`${today}.*Stoppad.*rött.*Personalbrist`));
    expect(await history.nth(1).textContent()).toMatch(/Pågår.*gult.*Två kvällar/);
    expect(await axeViolations(chair.page)).toEqual([]);
    await chair.page.context().close();

    const police = await newPage(browser);
    await logIn(police.page, server.url, "lpo.skarholmen@example.se");
    await police.page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mina åtgärder" }).click();
    await police.page.getByRole("heading", { name: "Mina åtgärder", level: 1 }).waitFor();
    const mine = police.page.locator(`[data-my-row="${uid}"]`);
    expect(await mine.locator("[data-latest-report]").textContent()).toContain("Stoppad");
    await mine.getByLabel("Status").selectOption({ label: "Genomförd" });
    await mine.getByLabel("Grönt").check();
    await mine.getByLabel("Kommentar").fill("Klart efter nyrekrytering");
    await mine.getByRole("button", { name: "Rapportera" }).click();
    await police.page.getByText("Uppföljningen är rapporterad.").waitFor();
    await expect.poll(() => mine.locator("[data-latest-report]").textContent(), { timeout: 5_000 }).toContain("Genomförd");
    expect(await axeViolations(police.page)).toEqual([]);
    expect(police.errors).toEqual([]);
    await police.page.context().close();
  });

  it("reflows at 320 px without horizontal scrolling", async () => {
    for (const path of [planPath, "/mina-atgarder"]) {
      const { page } = await newPage(browser);
      await page.setViewportSize({ width: 320, height: 640 });
      await logIn(page, server.url, "lpo.skarholmen@example.se");
      await page.goto(`${server.url}${path}`);
      if (path === planPath) {
        await page.locator('[data-plan-connection="connected"]').waitFor();
        // An opened row with its fields and follow-up must reflow too (a row added here opens by itself).
        const uid = await addRow(page);
        await row(page, uid).getByText("Anteckningar och uppföljning").click();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it("sends a visitor who is not logged in to the login page", async () => {
    for (const path of [planPath, "/mina-atgarder"]) {
      const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toMatch(/^\/login/);
    }
  });

  it("exports the plan as CSV for Swedish Excel, formula-safe, to those who may read it", async () => {
    const agreement = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!;
    const plan = db.select().from(actionPlans).where(eq(actionPlans.agreementId, agreement.id)).get()!;
    const [chair, outsider] = await Promise.all([
      sessionCookie(server, "sdd.skarholmen@example.se"),
      sessionCookie(server, "kommunpolis.ostermalm@example.se"),
    ]);
    const client = connectClient(server, `atgardsplan-${plan.id}`, chair);
    try {
      await waitForSync(client);
      addPlanRow(client.doc, "csvrow0001", { problem: '=HYPERLINK("http://example.se")', measure: 'Vandring; "kväll"\noch helg', startsOn: "2026-04-01" });
      await waitFor(() => mirroredRows().some((r) => r.uid === "csvrow0001"), 5_000, "the row in SQL");
    } finally {
      client.destroy();
    }
    const response = await fetch(`${server.url}${planPath}.csv`, { headers: { cookie: chair } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toBe(
      "Nr;Problem;Orsak;Platser;Prioriterade områden;Åtgärd;Operativt mål;Indikator;Start;Slut;Ansvarig part;Ansvarig funktion;Ansvarig person;Uppföljning (hur och när);Status;Mål (RAG);Senast rapporterad;Kommentar",
    );
    expect(text).toContain(`;"'=HYPERLINK(""http://example.se"")";;;;"Vandring; ""kväll""\noch helg";;;2026-04-01;`);
    expect(text).toContain("Trygghetsvandringar varje torsdag");
    expect((await fetch(`${server.url}${planPath}.csv`, { headers: { cookie: outsider } })).status).toBe(404);
  });
});
