import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type E2eServer, launchBrowser, startE2eServer } from "./browserHarness";
import { adminToken } from "./tillSteps";

export interface E2eSuite {
  /** The server process of this describe block (demo company seeded). */
  readonly server: E2eServer;
  readonly url: string;
  readonly browser: Browser;
  /** An admin's bearer token on the server (with `adminToken: true`). */
  readonly token: string;
  /** A fresh browser context (its own IndexedDB: a till of its own) and its first page. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * The opening every browser suite shares, registered on the calling describe block: the server
 * process and Chromium start before its tests (side by side) and close after them.
 * `server: false` or `browser: false` leave one out (a suite with persistent profiles, or a
 * nested block that brings a server of its own).
 */
export function useE2eSuite(
  options: { server?: boolean; browser?: boolean; adminToken?: boolean; env?: Record<string, string> } = {},
): E2eSuite {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  let token: string | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      options.server === false ? undefined : startE2eServer(options.env),
      options.browser === false ? undefined : launchBrowser(),
    ]);
    if (options.adminToken && server) token = await adminToken(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const suite: E2eSuite = {
    get server() {
      return ready(server, "server");
    },
    get url() {
      return ready(server, "server").url;
    },
    get browser() {
      return ready(browser, "browser");
    },
    get token() {
      return ready(token, "adminToken");
    },
    async newPage(viewport = { width: 1366, height: 768 }) {
      const context = await suite.browser.newContext({ viewport });
      return { context, page: await context.newPage() };
    },
  };
  return suite;
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`useE2eSuite: no ${what} (not asked for, or used outside a test)`);
  return value;
}
