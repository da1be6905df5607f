import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitForSync } from "../support/collab-client";
import { getPath, postAction } from "../support/form-posts";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;

const pagePath = `/overenskommelser/skarholmen/lagesbild/${thisYear}`;
/** The lägesbild's "Gemensam analys" section: its live document and its comments. */
const sectionKey = "gemensam-analys";
let documentName: string;
let commentsPath: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // The page creates this year's lägesbild on first view; then the section gets some text to comment on.
  const chair = await sessionCookie(server, "sdd.skarholmen@example.se");
  expect((await getPath(server, pagePath, chair)).status).toBe(200);
  const [{ id }] = queryServerDatabase<{ id: number }>(
    server,
    "select s.id from situation_sections s join situation_pictures p on p.id = s.picture_id join agreements a on a.id = p.agreement_id where a.slug = 'skarholmen' and p.year = ? and s.key = ?",
    thisYear,
    sectionKey,
  );
  documentName = `avsnitt-${id}`;
  commentsPath = `/kommentarer/${documentName}`;
  const writer = connectClient(server, documentName, chair);
  try {
    await waitForSync(writer);
    for (const line of ["Parternas gemensamma bild av läget.", "Underlagen visar mest oro kvällstid.", "Geografisk analys följer i nästa avsnitt."]) {
      appendParagraph(writer.doc, line);
    }
    await waitForSync(writer);
  } finally {
    writer.destroy();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const editorContent = (page: Page) => page.locator(`[data-collab-doc="${documentName}"] [data-collab-content]`);
const panel = (page: Page) => page.locator(`[data-comments-doc="${documentName}"]`);

async function openLagesbild(email: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, email);
  await page.goto(`${server.url}${pagePath}`);
  await page.locator(`[data-section-key="${sectionKey}"] summary`).click();
  // Editable: only then does the text take focus and the keyboard.
  await page.locator(`[data-collab-doc="${documentName}"][data-collab-connection="connected"][data-collab-editable="true"]`).waitFor();
  await expectEventually(
    async () => (await editorContent(page).textContent()) ?? "",
    (t) => t.includes("Geografisk analys"),
  );
  return { page, errors };
}

/** The section's text as a stock y-websocket client reads it from the collaboration server. */
async function yjsText(email: string): Promise<string> {
  const client = connectClient(server, documentName, await sessionCookie(server, email));
  try {
    await waitForSync(client);
    return client.text();
  } finally {
    client.destroy();
  }
}

describe("comments on a selection of the lägesbild", () => {
  it("a member comments on a selection with the keyboard only; the range is highlighted; a second member sees and resolves it; the text is unchanged", async () => {
    const before = await yjsText("sdd.skarholmen@example.se");
    const { page: author, errors } = await openLagesbild("sdd.skarholmen@example.se");

    // The button is in the formatting toolbar and announces its shortcut.
    const button = author.getByRole("toolbar").getByRole("button", { name: "Kommentera" });
    expect(await button.getAttribute("aria-keyshortcuts")).toBe("Control+Alt+M");

    // Nothing selected: the panel says what to do.
    await editorContent(author).focus();
    await author.keyboard.press("Control+Home");
    await author.keyboard.press("Control+Alt+M");
    await panel(author).getByRole("status").getByText("Markera först den text du vill kommentera.").waitFor();

    // Select the first line with the keyboard and comment on it.
    await editorContent(author).focus();
    await author.keyboard.press("Control+Home");
    await author.keyboard.press("Shift+End");
    await selectionSettled(author);
    const selected = await author.evaluate(() => window.getSelection()?.toString() ?? "");
    expect(selected.length).toBeGreaterThan(3);
    await author.keyboard.press("Control+Alt+M");
    const textarea = author.getByLabel("Ny kommentar");
    await textarea.waitFor();
    expect(await textarea.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await panel(author).getByText(selected.trim()).count()).toBeGreaterThan(0);
    expect(await axeViolations(author)).toEqual([]);
    await author.keyboard.type("Ange vilka källor som används.");
    await author.keyboard.press("Tab");
    await author.keyboard.press("Enter");

    const openList = (page: Page) => panel(page).getByRole("list", { name: "Öppna kommentarer" });
    await openList(author).getByText("Ange vilka källor som används.").waitFor();
    await panel(author).getByRole("status").getByText("Kommentaren är sparad.").waitFor();
    // Focus follows the saved comment.
    expect(await author.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Ange vilka källor som används.");
    await expectEventually(
      () => editorContent(author).locator(".comment-highlight").allTextContents(),
      (texts) => texts.join("") === selected,
    );
    expect(await axeViolations(author)).toEqual([]);

    // The second member sees the comment and its highlight, and resolves it with the keyboard.
    const { page: reviewer, errors: reviewerErrors } = await openLagesbild("lpo.skarholmen@example.se");
    await openList(reviewer).getByText("Ange vilka källor som används.").waitFor();
    await expectEventually(
      () => editorContent(reviewer).locator(".comment-highlight").allTextContents(),
      (texts) => texts.join("") === selected,
    );
    await openList(reviewer).getByRole("button", { name: "Markera som löst" }).focus();
    await reviewer.keyboard.press("Enter");
    const resolvedList = (page: Page) => panel(page).getByRole("list", { name: "Lösta kommentarer" });
    await resolvedList(reviewer).getByText("Löst av Johan Bergström", { exact: false }).waitFor();
    expect(await editorContent(reviewer).locator(".comment-highlight").count()).toBe(0);
    expect(await axeViolations(reviewer)).toEqual([]);

    // The author's page picks the resolution up on its own (it re-reads the comments periodically).
    await resolvedList(author).getByText("Ange vilka källor som används.").waitFor({ timeout: 15_000 });
    await expectEventually(
      () => editorContent(author).locator(".comment-highlight").count(),
      (n) => n === 0,
    );

    // Reopening puts it back among the open ones.
    await resolvedList(author).getByRole("button", { name: "Öppna igen" }).click();
    await openList(author).getByText("Ange vilka källor som används.").waitFor();

    expect(await yjsText("lpo.skarholmen@example.se")).toBe(before);
    expect(errors).toEqual([]);
    expect(reviewerErrors).toEqual([]);
    await author.context().close();
    await reviewer.context().close();
  });

  it("Escape in the form cancels it and the text stays untouched", async () => {
    const { page } = await openLagesbild("lpo.skarholmen@example.se");
    await editorContent(page).focus();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Shift+End");
    await selectionSettled(page);
    await page.keyboard.press("Control+Alt+M");
    await page.getByLabel("Ny kommentar").waitFor();
    await page.keyboard.press("Escape");
    await panel(page).getByRole("status").getByText("Kommentaren avbröts.").waitFor();
    expect(await page.getByLabel("Ny kommentar").count()).toBe(0);
    await page.context().close();
  });

  it("the highlight follows the commented words while both people edit around them", async () => {
    const { page: writer } = await openLagesbild("sdd.skarholmen@example.se");
    const { page: watcher } = await openLagesbild("lpo.skarholmen@example.se");
    // Comment on the last line (away from the first test's comment), then type in front of it on the same line.
    await editorContent(writer).focus();
    await writer.keyboard.press("Control+End");
    await writer.keyboard.press("Shift+Home");
    await selectionSettled(writer);
    const selected = await writer.evaluate(() => window.getSelection()?.toString() ?? "");
    await writer.keyboard.press("Control+Alt+M");
    await writer.getByLabel("Ny kommentar").fill("Följer texten?");
    await writer.getByRole("button", { name: "Spara kommentar" }).click();
    await panel(writer).getByText("Följer texten?").waitFor();

    const highlighted = (page: Page) =>
      editorContent(page)
        .locator(".comment-highlight")
        .evaluateAll((spans) =>
          spans
            .filter((s) => s.getAttribute("data-comment-id") === spans.at(-1)?.getAttribute("data-comment-id"))
            .map((s) => s.textContent)
            .join(""),
        );
    await watcher.evaluate(() => window.dispatchEvent(new Event("focus")));
    for (const page of [writer, watcher])
      await expectEventually(
        () => highlighted(page),
        (t) => t === selected,
      );

    await editorContent(writer).focus();
    await writer.keyboard.press("Control+End");
    await writer.keyboard.press("Home");
    await writer.keyboard.type("Nytt först: ");
    for (const page of [writer, watcher]) {
      await expectEventually(
        async () => (await editorContent(page).textContent()) ?? "",
        (t) => t.includes("Nytt först: "),
      );
      await expectEventually(
        () => highlighted(page),
        (t) => t === selected,
      );
    }
    await writer.context().close();
    await watcher.context().close();
  });

  // Answers the first test's comment (the tests share one server and run in order).
  it("a member answers a comment; the answer shows under it", async () => {
    const { page, errors } = await openLagesbild("lpo.skarholmen@example.se");
    const first = panel(page).getByRole("list", { name: "Öppna kommentarer" }).getByRole("listitem").first();
    await first.getByRole("button", { name: "Svara" }).click();
    await page.getByRole("textbox", { name: "Svar", exact: true }).fill("Jag tar fram siffrorna.");
    await page.getByRole("button", { name: "Skicka svar" }).click();
    await first.getByRole("list", { name: "Svar" }).getByText("Jag tar fram siffrorna.").waitFor();
    await panel(page).getByRole("status").getByText("Svaret är sparat.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // The page's own live stream may then take the person to the login page (it follows the session);
  // what is tested here is that the comments' background read answers in the panel, never by navigating.
  it("when the session ends, the background read says so in the panel", async () => {
    const { page } = await openLagesbild("lpo.skarholmen@example.se");
    await panel(page).getByRole("list", { name: "Öppna kommentarer" }).waitFor();
    const message = page.evaluate(async (path) => {
      await fetch("/logout", { method: "POST" });
      const answer = await fetch(path, { headers: { Accept: "application/json" }, redirect: "manual" });
      return { status: answer.status, body: (await answer.json()) as { problem?: string } };
    }, commentsPath);
    expect(await message).toMatchObject({ status: 401, body: { problem: expect.stringContaining("Du är inte inloggad längre") } });
    await page.context().close();
  });

  it("over HTTP: a logged-out request is refused without a redirect (the page asks in the background); a reader sees but may not comment; a member of another agreement gets the one 404", async () => {
    const anchor = JSON.stringify({ from: { tname: "default", assoc: 0 }, to: { tname: "default", assoc: 0 } });
    const loggedOut = await fetch(`${server.url}${commentsPath}`, { redirect: "manual" });
    expect(loggedOut.status).toBe(401);
    expect(await loggedOut.text()).toContain("Du är inte inloggad längre");
    const loggedOutPost = await fetch(`${server.url}${commentsPath}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "add", anchor, quote: "x", body: "Utloggad" }),
      headers: { Origin: server.url },
      redirect: "manual",
    });
    expect(loggedOutPost.status).toBe(401);

    // An administrator reads the lägesbild but is no member: reads comments, may not add one.
    const admin = await sessionCookie(server, "admin@example.se");
    const listing = await getPath(server, commentsPath, admin);
    expect(listing.status).toBe(200);
    expect(JSON.parse(listing.body).canComment).toBe(false);
    const refused = await postAction(server, commentsPath, admin, { intent: "add", anchor, quote: "x", body: "Nej" });
    expect(refused.status).toBe(403);

    const outsider = await sessionCookie(server, "kommunpolis.ostermalm@example.se");
    expect((await getPath(server, commentsPath, outsider)).status).toBe(404);
    expect((await postAction(server, commentsPath, outsider, { intent: "add", anchor, quote: "x", body: "Nej" })).status).toBe(404);

    const member = await sessionCookie(server, "sdd.skarholmen@example.se");
    const malformed = await postAction(server, commentsPath, member, { intent: "add", anchor: "{}", quote: "x", body: "Kommentar" });
    expect(malformed.body).toContain("Markeringen kunde inte läsas");
    const listed = JSON.parse((await getPath(server, commentsPath, member)).body) as { comments: { body: string }[] };
    expect(listed.comments.map((c) => c.body)).not.toContain("Utloggad");
    expect(listed.comments.map((c) => c.body)).not.toContain("Nej");
  });
});

/** The browser reports a selection change to the editor in a later task: let it arrive before the next key. */
function selectionSettled(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
}

async function expectEventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeoutMs) {
    last = await read();
    if (ok(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met; last value: ${JSON.stringify(last)}`);
}
