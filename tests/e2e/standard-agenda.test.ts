/**
 * Issue 11 in a real browser: the group's chair opens the standard agenda
 * editor on the group page, sees an error next to the field for an empty list
 * and a confirmation once saved, and the page passes axe (WCAG 2.1 A/AA) with
 * the editor open in both states.
 */
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let chair: Page;
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ page: chair, errors } = await newPage(browser));
  await logIn(chair, server.url, "sdd.skarholmen@example.se");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the standard agenda editor on the group page", () => {
  it("shows an error for an empty list and a confirmation once saved, accessible in both states", async () => {
    await chair.goto(`${server.url}/`);
    await chair.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
    await chair.getByRole("heading", { level: 2, name: "Standarddagordning" }).waitFor();
    await chair.getByText("Ändra standarddagordningen").click();
    const field = chair.getByLabel("Ärenden i ordning");
    await expect(field.inputValue()).resolves.toContain("Val av justerare (beslut)");

    await field.fill("");
    await chair.getByRole("button", { name: "Spara standarddagordningen" }).click();
    await chair.getByText("Standarddagordningen behöver minst ett ärende.").waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await axeViolations(chair)).toEqual([]);

    await field.fill("Öppnande\nLägesbild (diskussion)\nAvslutande");
    await chair.getByRole("button", { name: "Spara standarddagordningen" }).click();
    await chair.getByRole("status").getByText("Standarddagordningen är sparad.").waitFor();
    const list = chair.getByRole("list", { name: "Standarddagordning" }).getByRole("listitem");
    // The message comes with the action's answer; the list with the page's data reloaded just after it.
    await expect.poll(() => list.allTextContents()).toEqual(["Öppnande (information)", "Lägesbild (diskussion)", "Avslutande (information)"]);
    expect(await axeViolations(chair)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
