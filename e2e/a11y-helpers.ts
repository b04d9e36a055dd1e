// axe-core and overflow checks for the a11y spec, with failure messages that say what to fix.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Serious and critical axe violations on the page (or inside `include`; WCAG 2.1 A/AA unless `rules`), one line per failing node. */
export async function seriousViolations(page: Page, include?: string, rules?: string[]): Promise<string[]> {
  let builder = rules ? new AxeBuilder({ page }).withRules(rules) : new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const lines: string[] = [];
  for (const v of violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    for (const node of v.nodes) {
      const why = (node.failureSummary ?? "").replace(/\s+/g, " ").trim();
      lines.push(`${v.id} [${v.impact}] ${node.target.join(" ")}\n    ${node.html.slice(0, 200)}\n    ${why.slice(0, 300)}`);
    }
  }
  return lines;
}

/** The page's horizontal scroll width (what a phone user pans across). */
export async function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
}

/** The elements that stick out past the right edge of the viewport, to say what makes a page overflow. */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 1 || r.width === 0) continue;
      // Name the outermost element that sticks out: its parent still fits.
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 1) continue;
      // Inside a scroll container that clips it: that container scrolls, not the page.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o !== "visible") {
          clipped = true;
          break;
        }
      }
      if (!clipped) out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(/\s+/).slice(0, 4).join(".") : ""} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 12);
  });
}
