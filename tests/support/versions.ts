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
