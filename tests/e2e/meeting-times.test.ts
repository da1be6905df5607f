/**
 * Issue 11 in Chromium: the chair moves a planned meeting and cancels it
 * (inställt) after a question in a dialog that asks for the reason; starting a
 * meeting planned for a later day asks first. axe on the page before, with
 * the form and the dialog open, and after.
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie } from "../support/collab-client";
import { postForm } from "../support/form-posts";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

const CHAIR = "sdd.skarholmen@example.se";

let server: RunningServer;
let browser: Browser;
let chairCookie: string;

function meeting(id: number) {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare("select status, location, cancel_reason as cancelReason from meetings where id = ?").get(id) as Record<string, string | null>;
  } finally {
    db.close();
  }
}

/** A new meeting of the styrgrupp, made as the chair makes one on the group page; the newest meeting is it. */
async function newMeeting(date: string): Promise<number> {
  const answer = await postForm(server, `/grupper/${styrgruppMinutes(server).groupId}`, chairCookie, {
    title: "Extra styrgruppsmöte",
    date,
    startTime: "09:00",
    endTime: "10:00",
    location: "Bredängen",
    videoLink: "",
  });
  expect(answer.status).toBe(302);
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare("select max(id) as id from meetings").get() as { id: number }).id;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  chairCookie = await sessionCookie(server, CHAIR);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("moving and cancelling a planned meeting", () => {
  it("the chair changes the place, then cancels with a reason in the dialog; axe finds nothing at each step", async () => {
    const id = await newMeeting("2027-06-08");
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, CHAIR);
    await page.goto(`${server.url}/moten/${id}`);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByText("Ändra tid, plats eller videolänk").click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("textbox", { name: "Plats", exact: true }).fill("Skärholmens medborgarkontor");
    await page.getByRole("button", { name: "Spara tid och plats" }).click();
    await page.locator(".meeting-result").getByText("Mötets tid och plats är sparade.").waitFor();
    expect(meeting(id).location).toBe("Skärholmens medborgarkontor");

    await page.getByRole("button", { name: "Ställ in mötet" }).click();
    const dialog = page.getByRole("dialog", { name: "Ställa in mötet?" });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel("Skäl till att mötet ställs in").fill("Krockar med Skärholmsdagen");
    await dialog.getByRole("button", { name: "Ja, ställ in mötet" }).click();
    await page.getByText("Mötet är inställt och räknas inte som hållet. Skäl: Krockar med Skärholmsdagen").waitFor();
    expect(meeting(id)).toMatchObject({ status: "installt", cancelReason: "Krockar med Skärholmsdagen" });
    expect(await page.getByRole("button", { name: "Starta mötet" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("starting a meeting planned for a later day asks first in a dialog; Avbryt leaves it planned", async () => {
    const id = await newMeeting("2027-06-15");
    const { page } = await newPage(browser);
    await logIn(page, server.url, CHAIR);
    await page.goto(`${server.url}/moten/${id}`);
    await page.getByRole("button", { name: "Starta mötet" }).click();
    const dialog = page.getByRole("dialog", { name: "Starta mötet redan nu?" });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(meeting(id).status).toBe("planerat");
    await page.getByRole("button", { name: "Starta mötet" }).click();
    await page.getByRole("button", { name: "Ja, starta mötet nu" }).click();
    await page.locator(".meeting-result").getByText("Mötet har startat.").waitFor();
    expect(meeting(id).status).toBe("pagar");
  });
});
