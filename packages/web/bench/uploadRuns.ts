/**
 * The upload benchmark's till side (issue 4, issue 17), shared by its two hosts: Node on fake-indexeddb
 * (syncUploadBenchmark.ts) and Chromium on its own IndexedDB (the same file with --browser, this module bundled
 * into a page). One till signs in, registers, leases 3,000 numbers, then per run sells 1,000 invoices offline and
 * times `pushPending` until every one is acknowledged and marked synced in its local database.
 */
import { FetchServerTransport } from "../src/api/fetchServerTransport";
import { seededRandom } from "../src/sync/testing/faultInjectingFetch";
import { startSimulatedTill } from "../src/sync/testing/simulatedTill";

export const UPLOAD_INVOICES = 1000;

/**
 * `aroundPush` wraps each timed push (the Chromium host records a CPU profile of the page there); its own
 * time is not counted.
 */
export async function measureUploads(
  baseUrl: string,
  runs: number,
  aroundPush: (push: () => Promise<void>) => Promise<void> = (push) => push(),
): Promise<number[]> {
  const transport = new FetchServerTransport({ baseUrl });
  const till = await startSimulatedTill({
    setupTransport: transport,
    transport,
    credentials: { email: "caja@ejemplar.co", password: "ejemplar2026" },
    terminalName: "Caja 1",
  });
  const device = await till.store.getMeta("device");
  const numberingId = (await till.store.getTerminal(device?.terminalId ?? ""))?.numberingId ?? "";
  // The device leases 3,000 numbers at once: over the default per-device limit of two blocks.
  const admin = await transport.login({ email: "admin@ejemplar.co", password: "ejemplar2026" });
  await fetch(`${baseUrl}/api/numberings/${numberingId}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
    // 3,000 more than the block the till leased when it registered.
    body: JSON.stringify({ maxUnusedPerDevice: 3500 }),
  });
  const block = await transport.leaseNumberBlock(device?.deviceToken ?? "", { numberingId, size: 3000 });
  await till.store.putNumberBlocks([{ ...block, numberingId }]);

  const random = seededRandom(7);
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < UPLOAD_INVOICES; i++) await till.sell(random); // offline: nothing is sent while selling
    await aroundPush(async () => {
      const t0 = performance.now();
      const pushed = await till.engine.pushPending();
      seconds.push((performance.now() - t0) / 1000);
      if (pushed.synced !== UPLOAD_INVOICES) throw new Error(`expected 1000 synced, got ${JSON.stringify(pushed)}`);
    });
  }
  return seconds;
}
