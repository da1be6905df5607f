/**
 * Versions of an åtgärdsplan in Chromium, on the same pages as the lägesbild's: a row and its notes
 * written by stock y-websocket clients (as the plan page's editors would), version A saved, the row's
 * åtgärd changed, a row added and a line added to the notes, version B saved; comparing A with B
 * lists the changed field and the added row and marks the added notes with <ins>; restoring A brings
 * the rows and the notes back in the live documents. axe on every page seen.
 */
import type { Browser, Page } from "playwright-core";
import { addPlanRow, planRowsOf, setPlanField } from "../../app/components/plan/plan-doc";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync, type Client } from "../support/collab-client";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { chooseVersions, saveVersion } from "../support/versions";

let server: RunningServer;
let browser: Browser;
let page: Page;
let rows: Client;
let notes: Client;
let notesWitness: Client;
const uid = "verrad0001";
const planUrl = () => `${server.url}/overenskommelser/skarholmen/atgardsplan`;
const versionsUrl = () => `${planUrl()}/versioner`;

const query = <T>(sql: string, ...params: unknown[]) => queryServerDatabase<T>(server, sql, ...params);
const mirrored = (rowUid: string) =>
  query<{ measure: string }>("select measure from action_plan_rows where uid = ? and removed_at is null", rowUid)[0]?.measure;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
  // Opening the versions page creates the agreement's plan when there is none.
  expect((await fetch(versionsUrl(), { headers: { Cookie: cookie } })).status).toBe(200);
  const [plan] = query<{ id: number }>("select p.id from action_plans p join agreements a on a.id = p.agreement_id where a.slug = 'skarholmen'");
  rows = connectClient(server, `atgardsplan-${plan.id}`, cookie);
  await waitForSync(rows);
  addPlanRow(rows.doc, uid, { problem: "Otrygghet i gångtunneln på kvällen", measure: "Byta belysningen i gångtunneln" });
  await waitFor(() => mirrored(uid) === "Byta belysningen i gångtunneln", 10_000, "the row mirrored");
  notes = connectClient(server, `atgard-${plan.id}-${uid}`, cookie);
  notesWitness = connectClient(server, `atgard-${plan.id}-${uid}`, cookie);
  await Promise.all([waitForSync(notes), waitForSync(notesWitness)]);
  appendParagraph(notes.doc, "Belysningen byts i april.");
  await waitFor(() => notesWitness.text() === "Belysningen byts i april.", 10_000, "the notes stored");
  ({ page } = await newPage(browser));
  await logIn(page, server.url, "sdd.skarholmen@example.se");
});
afterAll(async () => {
  for (const client of [rows, notes, notesWitness]) client?.destroy();
  await browser?.close();
  await server?.stop();
});

describe("versions of an åtgärdsplan", () => {
  it("is linked from the plan page", async () => {
    await page.goto(planUrl());
    await Promise.all([page.waitForURL(/atgardsplan\/versioner$/), page.getByRole("link", { name: "Versioner, jämförelser och vem som skrev vad" }).click()]);
    await page.getByRole("heading", { level: 1, name: "Versioner av åtgärdsplanen" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it("compares version A with version B: the changed åtgärd, the added row and the added notes", async () => {
    await page.goto(versionsUrl());
    await saveVersion(page, "Plan A");

    setPlanField(rows.doc, uid, "measure", "Byta belysningen och måla gångtunneln");
    addPlanRow(rows.doc, "verrad0002", { problem: "Nedskräpning vid torget", measure: "Fler papperskorgar vid torget" });
    appendParagraph(notes.doc, "Målningen görs i maj.");
    await waitFor(() => mirrored(uid) === "Byta belysningen och måla gångtunneln" && mirrored("verrad0002") !== undefined, 10_000, "the rows mirrored");
    await waitFor(() => notesWitness.text().includes("Målningen görs i maj."), 10_000, "the notes stored");
    await saveVersion(page, "Plan B");

    await chooseVersions(page, "Plan A", "Plan B");
    await Promise.all([page.waitForURL(/a=\d+&b=\d+/), page.getByRole("button", { name: "Jämför" }).click()]);
    await page.getByRole("heading", { name: "Jämförelse" }).waitFor();

    const changes = await page.locator(".compare__fields li").allTextContents();
    expect(changes).toContain("Åtgärd ”Byta belysningen och måla gångtunneln”, åtgärd: Byta belysningen i gångtunneln → Byta belysningen och måla gångtunneln");
    expect(changes).toContain("Åtgärd ”Fler papperskorgar vid torget”: fanns inte → tillagd");
    expect(changes).toHaveLength(2);
    // The notes' text part: the added line marked, nothing deleted; the rows' own Y.Doc is no text part.
    const notesPart = page
      .locator(".compare__part")
      .filter({ has: page.getByRole("heading", { name: /^Anteckningar: Byta belysningen och måla gångtunneln/ }) });
    expect(await notesPart.locator("ins").allTextContents()).toEqual([expect.stringContaining("Målningen görs i maj.")]);
    expect(await notesPart.locator("del").count()).toBe(0);
    expect(await page.getByRole("heading", { name: /Åtgärdsplanens rader/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("shows version A with its rows, and restoring it brings the rows and notes back as a new edit", async () => {
    await page.goto(versionsUrl());
    await Promise.all([page.waitForURL(/versioner\/\d+$/), page.getByRole("link", { name: "Plan A", exact: true }).click()]);
    await page.getByRole("heading", { level: 1, name: "Plan A" }).waitFor();
    const row = page.locator(`[data-plan-row="${uid}"]`);
    expect(await row.getByRole("heading", { level: 3 }).textContent()).toBe("Byta belysningen i gångtunneln");
    expect(await row.locator("dd").first().textContent()).toBe("Byta belysningen i gångtunneln");
    expect(await page.locator('[data-plan-row="verrad0002"]').count()).toBe(0);
    expect(await page.getByText("Belysningen byts i april.").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Återställ den här versionen" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Ja, återställ versionen" }).click();
    await page.getByRole("status").filter({ hasText: "Versionen är återställd." }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The connected clients receive the restore: the live rows and notes are version A's again.
    await waitFor(() => planRowsOf(rows.doc).find((r) => r.uid === uid)?.measure === "Byta belysningen i gångtunneln", 10_000, "the row restored");
    expect(planRowsOf(rows.doc).some((r) => r.uid === "verrad0002")).toBe(false);
    await waitFor(() => notesWitness.text() === "Belysningen byts i april.", 10_000, "the notes restored");
    await waitFor(() => mirrored(uid) === "Byta belysningen i gångtunneln" && mirrored("verrad0002") === undefined, 10_000, "the mirror restored");
    const [restored] = query<{ kind: string; label: string }>(
      "select kind, label from document_versions where subject_kind = 'atgardsplan' order by id desc limit 1",
    );
    expect(restored).toEqual({ kind: "aterstalld", label: "Återställd från ”Plan A”" });
  });
});
