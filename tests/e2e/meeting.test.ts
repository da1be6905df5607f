import type { Browser, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, waitFor, waitForSync } from "../support/collab-client";
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

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

function agendaItem(page: Page, title: string) {
  return page.locator(`[data-agenda-item="${title}"]`);
}

/** Types at the end of one live editor, once it is connected and editable. */
async function typeInto(page: Page, editor: ReturnType<Page["locator"]>, text: string) {
  await editor.and(page.locator('[data-collab-editable="true"]')).waitFor();
  const content = editor.locator("[data-collab-content]");
  await content.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function submitAndSee(page: Page, button: ReturnType<Page["locator"]>, message: string | RegExp) {
  await button.click();
  await page.locator(".meeting-result").getByText(message).waitFor();
}

/** A step the page asks about first: the button opens the question, its "Ja, …" button takes the step. */
async function confirmAndSee(page: Page, button: ReturnType<Page["locator"]>, confirmLabel: string, message: string | RegExp) {
  await button.click();
  await submitAndSee(page, page.getByRole("dialog").getByRole("button", { name: confirmLabel }), message);
}

describe("a whole meeting with two people", () => {
  it("agenda, attendance, minutes, two §§, an action item, justering, lock and the protocol PDF", async () => {
    const { page: chair, errors } = await newPage(browser);
    const { page: member } = await newPage(browser);
    await logIn(chair, server.url, "sdd.skarholmen@example.se");
    await logIn(member, server.url, "karl.ljung@example.se");

    // The chair calls a meeting from the group page.
    await chair.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
    await chair.getByText("Kalla till nytt möte").click();
    // Today: a meeting started on its own day is started without a question (one planned for a later day asks first).
    await chair.getByLabel("Datum").fill(new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date()));
    await chair.getByLabel("Börjar").fill("09:00");
    await chair.getByLabel("Slutar").fill("11:00");
    await chair.getByLabel("Plats").fill("Skärholmens stadsdelsförvaltning, sammanträdesrum Bredängen");
    await Promise.all([chair.waitForURL(/\/moten\/\d+$/), chair.getByRole("button", { name: "Skapa möte" }).click()]);
    const meetingPath = new URL(chair.url()).pathname;
    const meetingId = meetingPath.split("/").pop()!;
    await member.goto(`${server.url}${meetingPath}`);

    // Building the agenda together: each sees the other's items appear.
    const addItem = async (page: Page, title: string) => {
      const form = page.locator("form", { has: page.getByRole("button", { name: "Lägg till ärende" }) });
      await form.getByLabel("Rubrik").fill(title);
      await form.getByLabel("Typ av ärende").selectOption("beslut");
      await submitAndSee(page, form.getByRole("button", { name: "Lägg till ärende" }), `Ärendet ”${title}” är tillagt.`);
    };
    await addItem(chair, "Lägesbild 2026");
    await agendaItem(member, "Lägesbild 2026").waitFor();
    await addItem(member, "Medborgarlöfte Skärholmen");
    await agendaItem(chair, "Medborgarlöfte Skärholmen").waitFor();

    // Attendance, seen live by the member. Before anyone is marked, the page says what is required
    // rather than that everyone is missing; once marked, what is still missing.
    await chair.getByText("Ingen närvaro är markerad ännu. Överenskommelsen kräver att dessa funktioner är närvarande: ").waitFor();
    expect(await chair.getByText(/saknas\./).count()).toBe(0);
    for (const name of ["Sara Lindqvist", "Karl Ljung"]) {
      await chair.locator(`[data-attendance="${name}"]`).getByLabel(`Närvaro för ${name}`).selectOption("narvarande");
    }
    await submitAndSee(chair, chair.getByRole("button", { name: "Spara närvaro", exact: true }), "Närvaron är sparad (2 ändringar).");
    await member.locator('[data-attendance="Karl Ljung"]').getByText("Närvarande").waitFor();
    await chair.getByText("Chef med mandat från fackförvaltning eller bolag saknas.").waitFor();

    await submitAndSee(chair, chair.getByRole("button", { name: "Starta mötet" }), "Mötet har startat.");

    // Minutes by the member, decision texts by the chair.
    await typeInto(member, member.locator(`[data-collab-doc="meeting-${meetingId}-minutes"]`), "Polisen redovisade läget i Skärholmens centrum.");
    await typeInto(
      chair,
      agendaItem(chair, "Lägesbild 2026").locator('[data-collab-doc$="-decision"]'),
      "Styrgruppen fastställer den gemensamma lägesbilden för 2026.",
    );
    await typeInto(
      chair,
      agendaItem(chair, "Medborgarlöfte Skärholmen").locator('[data-collab-doc$="-decision"]'),
      "Styrgruppen antar medborgarlöftet om trygg kollektivtrafik.",
    );
    await chair.waitForTimeout(300);

    const adopt = async (title: string, kind: string) => {
      const item = agendaItem(chair, title);
      await item.getByLabel(`Beslutstyp för ${title}`).selectOption(kind);
      await submitAndSee(chair, item.getByRole("button", { name: `Fatta beslut om ${title}` }), /Beslutet är fattat som § \d+\/2026\./);
      return (await item.locator("[data-paragraph]").getAttribute("data-paragraph"))!;
    };
    const p1 = await adopt("Lägesbild 2026", "lagesbild");
    const p2 = await adopt("Medborgarlöfte Skärholmen", "medborgarlofte");
    expect(p1).not.toBe(p2);
    expect(Number(p2.match(/§ (\d+)/)![1])).toBe(Number(p1.match(/§ (\d+)/)![1]) + 1);
    await agendaItem(member, "Medborgarlöfte Skärholmen").locator(`[data-paragraph="${p2}"]`).waitFor();

    // An action item that shows on the owner's page.
    const actionForm = chair.locator("form", { has: chair.getByRole("button", { name: "Lägg till uppdrag" }) });
    await actionForm.getByLabel("Uppdrag").fill("Ta fram förslag på belysning vid torget");
    await actionForm.getByLabel("Ansvarig").selectOption({ label: "Karl Ljung" });
    await actionForm.getByLabel("Klart senast").fill("2027-01-31");
    await submitAndSee(chair, actionForm.getByRole("button", { name: "Lägg till uppdrag" }), "Uppdraget är tillagt.");
    const { page: ownerPage } = await newPage(browser);
    await logIn(ownerPage, server.url, "karl.ljung@example.se");
    await ownerPage.goto(`${server.url}/uppdrag`);
    await ownerPage.locator('[data-action-item="Ta fram förslag på belysning vid torget"]').waitFor();
    expect(await axeViolations(ownerPage)).toEqual([]);

    // Justerare, close, and the justerare, the sekreterare and the chair approve.
    const justering = chair.locator("form", { has: chair.getByRole("button", { name: "Spara justerare" }) });
    await justering.getByLabel("Karl Ljung").check();
    await submitAndSee(chair, justering.getByRole("button", { name: "Spara justerare" }), "Justerare är valda.");
    await confirmAndSee(chair, chair.getByRole("button", { name: "Avsluta mötet" }), "Ja, avsluta mötet", "Mötet är avslutat.");
    expect(await axeViolations(chair)).toEqual([]);

    // A stock y-websocket client that is still connected when the minutes are locked.
    const cookie = await cookieHeader(chair);
    const stock = connectClient(server, `meeting-${meetingId}-minutes`, cookie);
    await waitForSync(stock);

    await member.reload();
    await confirmAndSee(member, member.getByRole("button", { name: "Justera protokollet" }), "Ja, justera protokollet", "Ditt godkännande är registrerat.");
    // The sekreterare, who wrote the protocol, signs it too.
    const { page: secretary } = await newPage(browser);
    await logIn(secretary, server.url, "linnea.holmberg@example.se");
    await secretary.goto(`${server.url}${meetingPath}`);
    await secretary.locator('[data-approver="Linnea Holmberg"]').getByText("Sekreterare: Linnea Holmberg").waitFor();
    await confirmAndSee(
      secretary,
      secretary.getByRole("button", { name: "Justera protokollet" }),
      "Ja, justera protokollet",
      "Ditt godkännande är registrerat.",
    );
    await chair.reload();
    await confirmAndSee(chair, chair.getByRole("button", { name: "Justera protokollet" }), "Ja, justera protokollet", "Protokollet är justerat och låst.");
    await chair.locator('[data-meeting-status="justerat"]').waitFor();

    appendParagraph(stock.doc, "Ändring efter justeringen.");
    await waitFor(() => stock.closeEvents.some((e) => e.code === 4423), 5_000, "locked refusal");
    stock.destroy();
    const late = connectClient(server, `meeting-${meetingId}-minutes`, cookie);
    await waitForSync(late);
    expect(late.text()).not.toContain("Ändring efter justeringen.");
    late.destroy();

    // The page shows the approved version as plain text: no editor to change it in.
    await chair.reload();
    const lockedMinutes = chair.locator(`[data-document-text="meeting-${meetingId}-minutes"]`);
    expect(await lockedMinutes.textContent()).toContain("Polisen redovisade läget i Skärholmens centrum.");
    expect(await lockedMinutes.textContent()).not.toContain("Ändring efter justeringen.");
    expect(await chair.locator(`[data-collab-doc], [contenteditable="true"]`).count()).toBe(0);

    // The archived protocol PDF holds the §§, the decision texts and who was present.
    const response = await chair.request.get(`${server.url}${meetingPath}/protokoll.pdf`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const pdf = await getDocumentProxy(new Uint8Array(await response.body()));
    const { text } = await extractText(pdf, { mergePages: true });
    for (const expected of [
      p1,
      p2,
      "Styrgruppen fastställer den gemensamma lägesbilden för 2026.",
      "Styrgruppen antar medborgarlöftet om trygg kollektivtrafik.",
      "Sara Lindqvist",
      "Karl Ljung",
    ]) {
      expect(text).toContain(expected);
    }

    // A protokollsutdrag holds only the § asked for.
    const extractLink = await chair
      .goto(`${server.url}/beslut?q=${encodeURIComponent("trygg kollektivtrafik")}`)
      .then(() => chair.locator(`[data-paragraph="${p2}"]`).getByRole("link", { name: "Protokollsutdrag" }).getAttribute("href"));
    const extract = await chair.request.get(`${server.url}${extractLink}`);
    const extractContent = (await extractText(await getDocumentProxy(new Uint8Array(await extract.body())), { mergePages: true })).text;
    expect(extractContent).toContain(p2);
    expect(extractContent).not.toContain(p1);

    // The register lists both decisions, linked to the meeting.
    await chair.goto(`${server.url}/beslut?q=${encodeURIComponent("medborgarlöftet om trygg")}`);
    await chair.locator(`[data-paragraph="${p2}"]`).waitFor();
    expect(await axeViolations(chair)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("refuses to remove an agenda item with notes, and shows why where the chair is looking", async () => {
    // Its own server: the test above locks the meeting it creates, which then heads the list.
    const own = await startServer();
    try {
      const { page: chair } = await newPage(browser);
      await logIn(chair, own.url, "sdd.skarholmen@example.se");
      await chair.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
      await chair.getByRole("heading", { name: "Kommande möten" }).waitFor();
      await chair.locator('a[href^="/moten/"]').first().click();
      const item = chair.locator("[data-agenda-item]").last();
      const notes = item.locator('[data-collab-doc$="-notes"]');
      const documentName = (await notes.getAttribute("data-collab-doc"))!;
      await typeInto(chair, notes, "Beslutas vid nästa möte.");
      // Once another client has the text, the server has stored it.
      const watcher = connectClient(own, documentName, await cookieHeader(chair));
      try {
        await waitForSync(watcher);
        await waitFor(() => watcher.text().includes("Beslutas vid nästa möte."), 5_000, "the notes on the server");
      } finally {
        watcher.destroy();
      }

      await item.getByRole("button", { name: /^Ta bort/ }).click();
      const alert = chair.getByRole("alert").filter({ hasText: "Töm texten först" });
      await alert.waitFor();
      expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = (await alert.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(chair.viewportSize()!.height);
      expect(await item.count()).toBe(1);
      await chair.context().close();
    } finally {
      await own.stop();
    }
  });
});
