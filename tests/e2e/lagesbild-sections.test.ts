/**
 * Issue 13, the lägesbild page in Chromium: the kommun side and the police side of Skärholmen's
 * styrgrupp write two sections at once, each sees the other's text and who is writing where;
 * a section's guidance is placeholder text, never content; "ej aktuellt" needs a reason; a
 * logged-out post changes nothing; axe finds nothing and the page reflows at 320 px.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { connectClient, fragmentText, sessionCookie, thisYear, waitForSync } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
// The demo wrote and decided this year's lägesbild; last year's starts empty from the template.
const year = thisYear - 1;
const path = `/overenskommelser/skarholmen/lagesbild/${year}`;

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

async function openPage(email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser);
  await logIn(opened.page, server.url, email);
  await opened.page.goto(`${server.url}${path}`);
  await opened.page.getByRole("heading", { level: 1, name: `Gemensam lokal lägesbild ${year}` }).waitFor();
  return opened;
}

const section = (page: Page, key: string) => page.locator(`[data-section-key="${key}"]`);
const content = (page: Page, key: string) => section(page, key).locator("[data-collab-content]");

/** Opens a section for editing and waits until its editor is connected and writable. */
async function openSection(page: Page, key: string): Promise<string> {
  await section(page, key).getByText("Öppna för redigering").click();
  const editor = section(page, key).locator('[data-collab-editable="true"]');
  await editor.waitFor();
  return (await editor.getAttribute("data-collab-doc"))!;
}

async function typeInto(page: Page, key: string, text: string): Promise<void> {
  await content(page, key).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  let last: T;
  do {
    last = await read();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() - start < timeoutMs);
  throw new Error(`condition not met; last value: ${JSON.stringify(last)}`);
}

describe("the lägesbild page", () => {
  it("two members co-write two sections at once and each sees the other's text and presence; guidance is never content", async () => {
    const kommun = await openPage("sdd.skarholmen@example.se");
    const polis = await openPage("lpo.skarholmen@example.se");
    const kommunDoc = await openSection(kommun.page, "analys-kommunen");
    const polisDoc = await openSection(polis.page, "analys-polisen");

    // The empty editor shows the section's guidance, drawn from an attribute: no text in the editor.
    const placeholder = content(kommun.page, "analys-kommunen").locator("p[data-placeholder]");
    expect(await placeholder.getAttribute("data-placeholder")).toContain("Stadsdelsförvaltningens bild");
    expect((await content(kommun.page, "analys-kommunen").textContent())?.trim()).toBe("");

    // Who is writing where, on the other person's page, live.
    await eventually(
      () => section(kommun.page, "analys-polisen").locator("[data-section-editing]").textContent(),
      (t) => t?.includes("Johan Bergström") ?? false,
    );
    await eventually(
      () => section(polis.page, "analys-kommunen").locator("[data-section-editing]").textContent(),
      (t) => t?.includes("Sara Lindqvist") ?? false,
    );
    expect(await section(kommun.page, "analys-kommunen").locator("[data-section-editing]").textContent()).toContain("Sara Lindqvist");

    // The stored documents are still empty: the guidance was never written.
    const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
    const probe = connectClient(server, kommunDoc, cookie);
    try {
      await waitForSync(probe);
      expect(fragmentText(probe.doc)).toBe("");
      expect(probe.doc.getXmlFragment("default").toString()).not.toContain("Stadsdelsförvaltningens bild");
    } finally {
      probe.destroy();
    }

    await Promise.all([
      typeInto(kommun.page, "analys-kommunen", "Socialtjänsten ser fler unga i riskzon."),
      typeInto(polis.page, "analys-polisen", "Anmälda rån har ökat i centrum."),
    ]);
    // The placeholder is gone once there is text.
    expect(await content(kommun.page, "analys-kommunen").locator("p[data-placeholder]").count()).toBe(0);

    // Each opens the other's section and sees the other's text, and the other's further typing live.
    await openSection(kommun.page, "analys-polisen");
    await openSection(polis.page, "analys-kommunen");
    await eventually(
      () => content(kommun.page, "analys-polisen").textContent(),
      (t) => t?.includes("Anmälda rån har ökat i centrum.") ?? false,
    );
    await eventually(
      () => content(polis.page, "analys-kommunen").textContent(),
      (t) => t?.includes("Socialtjänsten ser fler unga i riskzon.") ?? false,
    );
    await typeInto(polis.page, "analys-polisen", " Mest kvällstid.");
    await eventually(
      () => content(kommun.page, "analys-polisen").textContent(),
      (t) => t?.includes("Mest kvällstid.") ?? false,
    );
    const stored = connectClient(server, polisDoc, cookie);
    try {
      await waitForSync(stored);
      expect(fragmentText(stored.doc)).toBe("Anmälda rån har ökat i centrum. Mest kvällstid.");
    } finally {
      stored.destroy();
    }

    // A status set on one page reaches the other at once, with the progress in the head.
    const mine = section(kommun.page, "analys-kommunen");
    await mine.getByLabel("Status").selectOption("klar");
    await mine.getByRole("button", { name: "Spara status" }).click();
    await eventually(
      () => polis.page.locator("[data-lagesbild-progress]").textContent(),
      (t) => /^1 av \d+ avsnitt klara$/.test(t?.trim() ?? ""),
    );
    expect(await section(polis.page, "analys-kommunen").locator(".lagesbild-section__facts").textContent()).toContain("Klar");

    // A section closed again shows its text as the server read it.
    await polis.page.reload();
    await polis.page.getByRole("heading", { level: 1 }).waitFor();
    expect(await section(polis.page, "analys-kommunen").locator("[data-section-text]").textContent()).toContain("Socialtjänsten ser fler unga i riskzon.");

    expect(kommun.errors, JSON.stringify(kommun.errors)).toEqual([]);
    expect(polis.errors, JSON.stringify(polis.errors)).toEqual([]);
    await kommun.page.context().close();
    await polis.page.context().close();
  });

  it("refuses ej aktuellt without a reason, next to the field, and shows the reason once given; status and owner are saved", async () => {
    const { page, errors } = await openPage("linnea.holmberg@example.se");
    const area = page.locator('[data-section-key^="prio-"]').first();
    const key = (await area.getAttribute("data-section-key"))!;
    await area.getByText("Ej aktuellt för området?").click();
    await area.getByRole("button", { name: "Markera som ej aktuellt" }).click();
    const reason = area.getByLabel("Skäl (krävs)");
    await eventually(
      () => reason.getAttribute("aria-invalid"),
      (v) => v === "true",
    );
    expect(await area.locator(".field-error").textContent()).toBe("Ange varför området inte är aktuellt.");
    expect(
      query<{ reason: string | null }>("select not_applicable_reason as reason from situation_sections where key = ?", key).every((r) => r.reason === null),
    ).toBe(true);

    // The refusal keeps the form open, with the message next to the field.
    await reason.fill("Området har inga sådana problem enligt underlagen.");
    await area.getByRole("button", { name: "Markera som ej aktuellt" }).click();
    await section(page, key).locator("[data-not-applicable]").waitFor();
    expect(await section(page, key).locator("[data-not-applicable]").textContent()).toContain("Området har inga sådana problem enligt underlagen.");
    expect(await section(page, key).locator("[data-collab-doc]").count()).toBe(0);

    const gemensam = section(page, "gemensam-analys");
    await gemensam.getByLabel("Status").selectOption("granskning");
    await gemensam.getByRole("button", { name: "Spara status" }).click();
    await eventually(
      () => gemensam.locator(".lagesbild-section__facts").textContent(),
      (t) => t?.includes("Klar för granskning") ?? false,
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("adds and reorders underlag and adds a place linked to a priority area, in the tables", async () => {
    const { page, errors } = await openPage("daniel.lund@example.se");
    const sources = page.locator("#underlag");
    const adding = sources.locator(".lagesbild-row").last();
    await adding.getByLabel("Underlag").fill("Skolenkäten");
    await adding.getByLabel("År").fill("20x5");
    await adding.getByRole("button", { name: "Lägg till" }).click();
    await eventually(
      () => adding.locator(".field-error").textContent(),
      (t) => t === "Ange året med fyra siffror.",
    );
    await adding.getByLabel("År").fill("2025");
    await adding.getByLabel("Avsändare").fill("Skolinspektionen");
    await adding.getByRole("button", { name: "Lägg till" }).click();
    const rows = sources.locator("tbody tr");
    await eventually(
      () => rows.last().textContent(),
      (t) => t?.includes("Skolenkäten") ?? false,
    );
    await sources.getByRole("button", { name: "Flytta upp Skolenkäten" }).click();
    await eventually(
      () => rows.nth(-2).textContent(),
      (t) => t?.includes("Skolenkäten2025Skolinspektionen") ?? false,
    );

    const placesSection = page.locator("#platser");
    const newPlace = placesSection.locator(".lagesbild-row").last();
    await newPlace.getByLabel("Plats", { exact: true }).fill("Centrumtorget");
    await newPlace.getByLabel("Typ", { exact: true }).fill("Torg");
    await newPlace.getByLabel("Sedan", { exact: true }).fill("2024-13-01");
    await newPlace.getByRole("button", { name: "Lägg till plats" }).click();
    await eventually(
      () => newPlace.locator(".field-error").first().textContent(),
      (t) => t === "Datumet finns inte.",
    );
    await newPlace.getByLabel("Sedan", { exact: true }).fill("2024");
    await newPlace.locator('input[name="priorityAreaIds"]').first().check();
    await newPlace.getByRole("button", { name: "Lägg till plats" }).click();
    await eventually(
      () => placesSection.locator("tbody").textContent(),
      (t) => (t?.includes("Centrumtorget") && t.includes("Torg") && t.includes("2024")) ?? false,
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("changes nothing for a logged-out post", async () => {
    const sectionId = query<{ id: number }>("select id from situation_sections where key = 'orsaksanalys' order by id desc limit 1")[0].id;
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "section-status", sectionId: String(sectionId), status: "klar" }),
      headers: { Origin: server.url },
      redirect: "manual",
    });
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    expect(response.headers.get("location")).toContain("/login");
    expect(query<{ status: string }>("select status from situation_sections where id = ?", sectionId)[0].status).toBe("utkast");
  });

  it("streams a lägesbild's changes only to those who may open it", async () => {
    const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
    const own = new AbortController();
    const mine = await fetch(`${server.url}${path}/handelser`, { headers: { Cookie: cookie }, signal: own.signal });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toContain("text/event-stream");
    own.abort();
    const other = await fetch(`${server.url}/overenskommelser/ostermalm/lagesbild/${thisYear}/handelser`, { headers: { Cookie: cookie } });
    expect(other.status).toBe(404);
  });

  it("warns on the agreement page while this year's lägesbild is not fastställd under a yearly rule, with a link to it", async () => {
    const { page, errors } = await newPage(browser);
    // The demo's Östermalm styrgrupp decided last year's lägesbild; its agreement is revised every year.
    await logIn(page, server.url, "tove.hedlund@example.se");
    await page.goto(`${server.url}/overenskommelser/ostermalm`);
    const notice = page.locator("[data-lagesbild-due]");
    expect(await notice.getAttribute("role")).toBe("status");
    expect(await notice.textContent()).toContain(
      `Den senaste fastställda lägesbilden är från ${thisYear - 1}. Lägesbilden ska fastställas varje år; ${thisYear} års saknas.`,
    );
    await notice.getByRole("link", { name: `Till lägesbilden för ${thisYear}` }).click();
    await page.getByRole("heading", { level: 1, name: `Gemensam lokal lägesbild ${thisYear}` }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("passes axe with a section open and reflows at 320 px", async () => {
    const { page, errors } = await openPage("ahmed.yusuf@example.se");
    await openSection(page, "gemensam-analys");
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
