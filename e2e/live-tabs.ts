// The live view keeps the first screen (health strip, suspects) and puts the rest in tabs.
import { expect, type Page } from "@playwright/test";

export type LiveTabName = "Sessions" | "Memory" | "Contain" | "Runbook" | "Signals" | "History";

/** Opens a tab of the live view the way a person does: by clicking it. */
export async function openTab(page: Page, name: LiveTabName): Promise<void> {
  const tab = page.getByRole("tab", { name: new RegExp(`^${name}`) });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
}
