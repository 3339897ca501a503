/**
 * Issue 4 in a real browser: offline sales go up by themselves when the connection returns,
 * a push whose response is lost leaves no duplicate, and two tabs selling offline on one device
 * end with every invoice on the server exactly once and the same history in both tabs.
 */
import type { Route } from "playwright-core";
import { describe, expect, test } from "vitest";
import { runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

/** The scheduler's backoff is capped near 60 s; a retry is due within that, plus some slack. */
const RETRY_CAP_TIMEOUT_MS = 75_000;

interface PushResultSeen {
  outcome: string;
  id: string;
  duplicate?: boolean;
}

describe.skipIf(!runBrowserTests)("sync in the browser (issue 4)", () => {
  const suite = useE2eSuite({ adminToken: true });

  /** The server has each of `numbers` exactly once, and `before + numbers.length` invoices in all, all distinct. */
  async function expectExactlyOnceOnServer(numbers: readonly string[], before: number) {
    const tally = await till.serverTally(suite.url, suite.token, numbers);
    expect(tally.copies).toEqual(Object.fromEntries(numbers.map((n) => [n, 1])));
    expect(tally.total).toBe(before + numbers.length);
    expect(tally.rows).toBe(tally.total);
    expect(tally.distinctIds).toBe(tally.total);
    expect(tally.distinctNumbers).toBe(tally.total);
  }

  test("offline sales go up with no click when the connection returns", async () => {
    const before = (await till.serverInvoices(suite.url, suite.token)).total;
    const { context, page } = await suite.newPage();
    try {
      await till.openTill(page, suite.url, "Caja 1");
      // The shift openTill opened (or took over) goes up first: otherwise it can still be pending offline, and
      // the indicator rightly counts it beside the 3 sales ("4 pendientes", CI on 37ef1b9).
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      const numbers = await till.sellInvoices(page, 3);
      await till.openSalesHistory(page);
      expect(await till.historyStatuses(page)).toEqual(till.statusesOf(numbers, "Pendiente"));
      expect(await till.syncIndicatorName(page)).toBe("3 pendientes");

      // The connection returns; nobody touches the till.
      await till.goOnline(context);
      await till.waitForConnectivity(page, "En línea");
      await expect
        .poll(() => till.historyStatuses(page), { timeout: till.SETTLE_TIMEOUT_MS })
        .toEqual(till.statusesOf(numbers, "Sincronizada"));
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      await expectExactlyOnceOnServer(numbers, before);
    } finally {
      await context.close();
    }
  });

  test("a push whose response is lost after the server saved it leaves no duplicate", async () => {
    const before = (await till.serverInvoices(suite.url, suite.token)).total;
    const { context, page } = await suite.newPage();
    try {
      await till.openTill(page, suite.url, "Caja 2");
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      const numbers = await till.sellInvoices(page, 3, 2);
      await till.openSalesHistory(page);
      expect(await till.historyStatuses(page)).toEqual(till.statusesOf(numbers, "Pendiente"));

      // The first push carrying invoices reaches the server, which commits; its answer never arrives.
      let lostAnswer: { status: number; results: PushResultSeen[] } | null = null;
      const laterResults: PushResultSeen[] = [];
      let connected = false;
      await page.route("**/api/sync/push", async (route: Route) => {
        // Page routes win over the context's offline route: still offline until till.goOnline below.
        if (!connected) return route.abort("internetdisconnected");
        const sent = (route.request().postDataJSON() as { invoices?: unknown[] } | null)?.invoices ?? [];
        const response = await route.fetch();
        const body = (await response.json().catch(() => ({}))) as { results?: PushResultSeen[] };
        if (sent.length > 0 && lostAnswer === null) {
          lostAnswer = { status: response.status(), results: body.results ?? [] };
          await route.abort("connectionreset");
          return;
        }
        laterResults.push(...(body.results ?? []));
        await route.fulfill({ response });
      });

      connected = true;
      await till.goOnline(context);
      await expect.poll(() => lostAnswer !== null, { timeout: till.SETTLE_TIMEOUT_MS }).toBe(true);
      const lost = lostAnswer as unknown as { status: number; results: PushResultSeen[] };
      expect(lost.status).toBe(200);
      expect(lost.results.map((r) => r.outcome)).toEqual(["accepted", "accepted", "accepted"]);

      // The till never heard back: it retries by itself, and the server answers "already have it".
      // The retry waits out the backoff, which grew with each failed attempt while offline (cap 60 s).
      await expect
        .poll(() => till.historyStatuses(page), { timeout: RETRY_CAP_TIMEOUT_MS })
        .toEqual(till.statusesOf(numbers, "Sincronizada"));
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      const resent = laterResults.filter((r) => lost.results.some((l) => l.id === r.id));
      expect(resent.length).toBeGreaterThanOrEqual(3);
      for (const result of resent) expect(result).toMatchObject({ outcome: "accepted", duplicate: true });
      await expectExactlyOnceOnServer(numbers, before);
    } finally {
      await context.close();
    }
  });

  test("two tabs selling offline, then online: no duplicate, and both tabs show the same history", async () => {
    const before = (await till.serverInvoices(suite.url, suite.token)).total;
    const { context, page: first } = await suite.newPage();
    try {
      await till.openTill(first, suite.url, "Caja 1");
      const second = await context.newPage();
      till.confirmLeaving(second);
      await second.goto(suite.url);
      await till.waitUntilReady(second, "Caja 1");

      await till.goOffline(context);
      await till.waitForConnectivity(first, "Sin conexión");
      await till.waitForConnectivity(second, "Sin conexión");
      // The cashier works in the tab in front (a hidden tab gets no animation frames).
      await first.bringToFront();
      const fromFirst = await till.sellInvoices(first, 2);
      await second.bringToFront();
      const fromSecond = await till.sellInvoices(second, 2, 3);
      const numbers = [...fromFirst, ...fromSecond];
      expect(new Set(numbers).size).toBe(4);

      await till.openSalesHistory(second);
      await first.bringToFront();
      await till.openSalesHistory(first);
      for (const page of [first, second]) {
        await expect
          .poll(() => till.historyStatuses(page), { timeout: till.SETTLE_TIMEOUT_MS })
          .toEqual(till.statusesOf(numbers, "Pendiente"));
      }

      // Both tabs see the connection return and both try to sync the same four invoices.
      await till.goOnline(context);
      for (const page of [first, second]) {
        await expect
          .poll(() => till.historyStatuses(page), { timeout: till.SETTLE_TIMEOUT_MS })
          .toEqual(till.statusesOf(numbers, "Sincronizada"));
        await till.waitForSyncIndicator(page, "Sincronizado 100%");
      }
      expect(await till.readHistory(second)).toEqual(await till.readHistory(first));
      await expectExactlyOnceOnServer(numbers, before);
    } finally {
      await context.close();
    }
  });
});
