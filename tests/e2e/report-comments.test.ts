/**
 * Review comments on a report up the chain, on the real server: a member of the arbetsgrupp comments on a
 * selection of the draft in Chromium (keyboard, axe), the chair answers over HTTP; the receiving group's
 * chair, a member of another agreement and a logged-out tab are refused and nothing is stored; once sent,
 * the report takes no new comment nor answer, and the comments made on the draft stay readable. A läsare of
 * the sending group comments too; an administrator who only reads does not.
 */
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, waitForSync } from "../support/collab-client";
import { getPath, postAction } from "../support/form-posts";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;

const ARBETSGRUPP = 5; // Arbetsgrupp avgränsade platser (Skärholmen): Daniel Lund ordförande, Ahmed Yusuf ledamot
const reportsPath = `/grupper/${ARBETSGRUPP}/rapporter`;
const title = "Rapport att kommentera";
const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
const anchor = JSON.stringify({ from: { tname: "default", assoc: 0 }, to: { tname: "default", assoc: 0 } });
let reportId: number;
let commentsPath: string;

const commentBodies = () =>
  queryServerDatabase<{ body: string }>(server, "select body from document_comments where document_name = ? order by id", `rapport-${reportId}`).map(
    (c) => c.body,
  );

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const chair = await sessionCookie(server, "daniel.lund@example.se");
  const started = await postAction(server, reportsPath, chair, { intent: "create-report", title, periodStart: `${today.slice(0, 4)}-01-01`, periodEnd: today });
  expect(started.status, started.body).toBe(200);
  [{ id: reportId }] = queryServerDatabase<{ id: number }>(server, "select id from chain_reports where title = ?", title);
  commentsPath = `/kommentarer/rapport-${reportId}`;
  // A line of the group's own words to select.
  const writer = connectClient(server, `rapport-${reportId}`, chair);
  try {
    await waitForSync(writer);
    appendParagraph(writer.doc, "Arbetsgruppens egen bedömning av hösten.");
    await waitForSync(writer);
  } finally {
    writer.destroy();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const card = (page: Page) => page.locator("section.card").filter({ has: page.getByRole("heading", { level: 3, name: title }) });

it("in Chromium: a member selects text of the draft and comments on it by keyboard; the panel lists it (axe)", async () => {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "ahmed.yusuf@example.se");
  await page.goto(`${server.url}${reportsPath}`);
  const content = card(page).locator(`[data-collab-doc="rapport-${reportId}"] [data-collab-content]`);
  await card(page).locator(`[data-collab-doc="rapport-${reportId}"][data-collab-connection="connected"][data-collab-editable="true"]`).waitFor();
  await content.getByText("Arbetsgruppens egen bedömning av hösten.").waitFor();
  const panel = card(page).locator(`[data-comments-doc="rapport-${reportId}"]`);
  await panel.getByText("Inga kommentarer.").waitFor();
  expect(await axeViolations(page)).toEqual([]);

  await content.getByText("Arbetsgruppens egen bedömning av hösten.").click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  await page.keyboard.press("Control+Alt+M");
  const textarea = page.getByLabel("Ny kommentar");
  await textarea.waitFor();
  await page.keyboard.type("Lägg till siffrorna från trygghetsmätningen.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await panel.getByRole("list", { name: "Öppna kommentarer" }).getByText("Lägg till siffrorna från trygghetsmätningen.").waitFor();
  await panel.getByRole("status").getByText("Kommentaren är sparad.").waitFor();
  await content.locator(".comment-highlight").first().waitFor();
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
  expect(commentBodies()).toEqual(["Lägg till siffrorna från trygghetsmätningen."]);
});

it("over HTTP: the chair answers; the receiving group's chair, another agreement's member and a logged-out post are refused, nothing stored", async () => {
  const chair = await sessionCookie(server, "daniel.lund@example.se");
  const listing = JSON.parse((await getPath(server, commentsPath, chair)).body) as { comments: { id: number }[]; canComment: boolean };
  expect(listing.canComment).toBe(true);
  const answered = await postAction(server, commentsPath, chair, { intent: "reply", commentId: String(listing.comments[0].id), body: "Jag lägger in dem." });
  expect(answered.status, answered.body).toBe(200);

  // The receiving beredningsgrupp's chair (not in the arbetsgrupp): a draft is not theirs to know of.
  const receiver = await sessionCookie(server, "linnea.holmberg@example.se");
  expect((await getPath(server, commentsPath, receiver)).status).toBe(404);
  expect((await postAction(server, commentsPath, receiver, { intent: "add", anchor, quote: "x", body: "Mottagaren" })).status).toBe(404);
  const ostermalm = await sessionCookie(server, "cecilia.wahlberg@example.se");
  expect((await getPath(server, commentsPath, ostermalm)).status).toBe(404);
  expect((await postAction(server, commentsPath, ostermalm, { intent: "add", anchor, quote: "x", body: "Östermalm" })).status).toBe(404);
  const loggedOut = await fetch(`${server.url}${commentsPath}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "add", anchor, quote: "x", body: "Utloggad" }),
    headers: { Origin: server.url },
    redirect: "manual",
  });
  expect(loggedOut.status).toBe(401);
  expect(commentBodies()).toEqual(["Lägg till siffrorna från trygghetsmätningen.", "Jag lägger in dem."]);
});

it("a sent report takes no new comment nor answer; its comments stay readable, in Chromium too", async () => {
  const chair = await sessionCookie(server, "daniel.lund@example.se");
  const sent = await postAction(server, reportsPath, chair, { intent: "send-report", reportId: String(reportId), confirm: "ja" });
  expect(sent.body).toContain("Rapporten är skickad");
  const member = await sessionCookie(server, "ahmed.yusuf@example.se");
  const refused = await postAction(server, commentsPath, member, { intent: "add", anchor, quote: "x", body: "För sent" });
  expect(refused.status).toBe(403);
  expect(refused.body).toContain("Rapporten är skickad och kan inte längre kommenteras.");
  const listing = JSON.parse((await getPath(server, commentsPath, member)).body) as { comments: { id: number; body: string }[]; canComment: boolean };
  expect(listing.canComment).toBe(false);
  expect(listing.comments.map((c) => c.body)).toEqual(["Lägg till siffrorna från trygghetsmätningen."]);
  const reply = await postAction(server, commentsPath, member, { intent: "reply", commentId: String(listing.comments[0].id), body: "För sent" });
  expect(reply.status).toBe(403);
  expect(commentBodies()).not.toContain("För sent");

  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "ahmed.yusuf@example.se");
  await page.goto(`${server.url}${reportsPath}`);
  await card(page).getByText("Kommentarer på utkastet").press("Enter");
  const panel = card(page).locator(`[data-comments-doc="rapport-${reportId}"]`);
  await panel.getByText("Lägg till siffrorna från trygghetsmätningen.").waitFor();
  await panel.getByText("Jag lägger in dem.").waitFor();
  expect(await panel.getByRole("button", { name: "Svara" }).count()).toBe(0);
  expect(await card(page).locator("[data-collab-doc]").count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

it("a läsare of the sending group comments on its draft too; an administrator reads the comments and adds none", async () => {
  const beredning = queryServerDatabase<{ id: number }>(server, "select id from groups where name = 'Lokal beredningsgrupp Östermalm'")[0]!.id;
  const chair = await sessionCookie(server, "tove.hedlund@example.se");
  const draftTitle = "Beredningsgruppens utkast till styrgruppen";
  const started = await postAction(server, `/grupper/${beredning}/rapporter`, chair, {
    intent: "create-report",
    title: draftTitle,
    periodStart: `${today.slice(0, 4)}-01-01`,
    periodEnd: today,
  });
  expect(started.status, started.body).toBe(200);
  const [{ id }] = queryServerDatabase<{ id: number }>(server, "select id from chain_reports where title = ?", draftTitle);
  const path = `/kommentarer/rapport-${id}`;
  // Henrik Lindström is läsare in the beredningsgrupp: he reads the draft, does not write in it, and comments.
  const reader = await sessionCookie(server, "henrik.lindstrom@example.se");
  expect(JSON.parse((await getPath(server, path, reader)).body).canComment).toBe(true);
  const added = await postAction(server, path, reader, { intent: "add", anchor, quote: "Rapport", body: "Läsarens synpunkt" });
  expect(added.status, added.body).toBe(200);

  const admin = await sessionCookie(server, "admin@example.se");
  const listing = await getPath(server, path, admin);
  expect(listing.status).toBe(200);
  expect(JSON.parse(listing.body)).toMatchObject({ canComment: false, comments: [{ body: "Läsarens synpunkt" }] });
  expect((await postAction(server, path, admin, { intent: "add", anchor, quote: "x", body: "Administratören" })).status).toBe(403);
  expect(queryServerDatabase<{ body: string }>(server, "select body from document_comments where document_name = ?", `rapport-${id}`)).toEqual([
    { body: "Läsarens synpunkt" },
  ]);
});
