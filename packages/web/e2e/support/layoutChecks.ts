/**
 * Layout checks shared by the viewport and accessibility suites: no sideways scrolling, controls
 * big enough to touch, the back office's screens as its menu lists them, screenshots for the docs.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { SETTLE_TIMEOUT_MS } from "./tillSteps";

export const imagesDir = join(import.meta.dirname, "../../../../docs/images");

export interface Viewport {
  width: number;
  height: number;
}

/** How much wider than the window the page is (0 = no horizontal scroll), and the widest offenders. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; offenders: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const overflow = document.documentElement.scrollWidth - width;
    const offenders: string[] = [];
    if (overflow > 0) {
      for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5) {
          const name = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").join(".")}` : ""}`;
          offenders.push(`${name} right=${Math.round(box.right)}`);
          if (offenders.length >= 8) break;
        }
      }
    }
    return { overflow, offenders };
  });
}

/**
 * Elements cut at the window's right edge: wider than the window yet not inside a box that scrolls
 * sideways (an `overflow: hidden` parent hides them without making the page wider).
 */
export async function clippedAtRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const clipped: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
      if (getComputedStyle(element).visibility === "hidden") continue;
      let scrolls = false;
      for (let parent = element.parentElement; parent && !scrolls; parent = parent.parentElement) {
        const overflowX = getComputedStyle(parent).overflowX;
        scrolls = overflowX === "auto" || overflowX === "scroll";
      }
      if (scrolls) continue;
      const name = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").join(".")}` : ""}`;
      clipped.push(`${name} right=${Math.round(box.right)}`);
      if (clipped.length >= 8) break;
    }
    return clipped;
  });
}

/** The controls on screen smaller than 44 × 44 px (a finger's minimum), described for the failure message. */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = "button, select, a[href], input:not([type=checkbox]):not([type=radio]):not([type=hidden])";
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not rendered
      const style = getComputedStyle(element);
      if (style.visibility === "hidden" || element.closest("[hidden], .visually-hidden")) continue;
      if (box.bottom < 0 || box.top > window.innerHeight) continue; // off screen (scrolled away)
      if (box.width < 43.5 || box.height < 43.5) {
        const label = element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 30) ?? "";
        small.push(`${element.tagName.toLowerCase()} "${label}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

/** The back office's screens as its menu lists them ("/admin/productos", …). */
export async function backOfficePaths(page: Page): Promise<string[]> {
  const nav = page.locator(".back-office__nav");
  await nav.waitFor({ timeout: SETTLE_TIMEOUT_MS });
  return nav
    .locator("a")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

/** Opens a back-office screen from its menu and waits for its title (a level-one heading). */
export async function openBackOfficeScreen(page: Page, path: string): Promise<void> {
  await page.locator(`.back-office__nav a[href="${path}"]`).click();
  await page.waitForURL((url) => url.pathname.startsWith(path), { timeout: SETTLE_TIMEOUT_MS });
  await page.locator(".back-office__main h1").first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
}

/** The phone and tablet layouts fold the till's header into "Menú": open it when it is there. */
export async function openFoldedMenu(page: Page): Promise<boolean> {
  const toggle = page.getByRole("button", { name: "Menú", exact: true });
  if (!(await toggle.isVisible())) return false;
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  return true;
}
