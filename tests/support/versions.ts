import type { Page } from "playwright-core";

/** "Spara version" on a versions page (a lägesbild's or an åtgärdsplan's), waiting for the page to say it is saved. */
export async function saveVersion(page: Page, label: string): Promise<void> {
  await page.getByLabel("Namn på versionen").fill(label);
  await page.getByRole("button", { name: "Spara version" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `Versionen ”${label}” är sparad.` })
    .waitFor();
}

/**
 * Chooses the two versions to compare by their names (an option reads "Name (time)"), waiting until
 * both are listed: the list can be re-rendered a moment after the "sparad" status, so a position
 * read at that instant may name another version.
 */
export async function chooseVersions(page: Page, older: string, newer: string): Promise<void> {
  for (const [field, name] of [
    ["Äldre version", older],
    ["Nyare version", newer],
  ] as const) {
    const select = page.getByLabel(field);
    const option = select.locator("option").filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(`) });
    const value = await option.getAttribute("value");
    await select.selectOption(value!);
  }
}
