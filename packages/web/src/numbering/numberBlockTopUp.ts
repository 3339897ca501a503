import type { ServerTransport } from "../api/serverTransport";
import { isTransportError } from "../api/transportErrors";
import type { LocalStore } from "../storage/localStore";

/** Below this many numbers left, the device leases another block while online. */
export const NUMBER_TOP_UP_THRESHOLD = 20;

/** After "holding enough numbers already" (409 LEASE_LIMIT_REACHED: often sales not pushed yet), ask again after this. */
export const LEASE_LIMIT_RETRY_MS = 30_000;

/** Per device: no lease call before this time (Retry-After of a 429, or the wait after a 409). */
const leaseNotBefore = new Map<string, number>();

/**
 * Minimal top-up (issue 5 refines it): when the terminal's numbering is not electronic and
 * the device has few numbers left, lease a block and store it. Returns the numbers left.
 * A server that says "too many requests" (429) or "this device holds enough" (409
 * LEASE_LIMIT_REACHED) is not an error for the cashier: the till keeps selling with the numbers
 * it has and asks again later, never in a loop.
 */
export async function topUpNumberBlocks(
  store: LocalStore,
  transport: Pick<ServerTransport, "leaseNumberBlock">,
  threshold = NUMBER_TOP_UP_THRESHOLD,
  now: () => number = Date.now,
): Promise<number | null> {
  const device = await store.getMeta("device");
  if (!device) return null;
  const terminal = await store.getTerminal(device.terminalId);
  const numbering = terminal ? await store.getNumbering(terminal.numberingId) : undefined;
  // The credit-note ("NC") numbering is leased in blocks per device exactly like invoice numbers.
  const creditNoteNumberingId = terminal?.creditNoteNumberingId;
  if (creditNoteNumberingId && (await store.getNumbering(creditNoteNumberingId)))
    await topUpOne(store, transport, device, creditNoteNumberingId, "creditNotes", CREDIT_NOTE_TOP_UP_THRESHOLD, now);
  // A DEE POS till's contingency numbering (tickets sold offline, issue 19) is leased like POS numbers.
  const contingencyNumberingId =
    numbering?.kind === "dee_pos" && !terminal?.blockOfflineElectronic ? numbering.contingencyNumberingId : null;
  if (contingencyNumberingId && (await store.getNumbering(contingencyNumberingId)))
    await topUpOne(store, transport, device, contingencyNumberingId, "invoices", threshold, now);
  if (!numbering || numbering.electronic) return null;
  return topUpOne(store, transport, device, numbering.id, "invoices", threshold, now);
}

/** Below this many credit-note numbers left, the device leases another "NC" block while online. */
export const CREDIT_NOTE_TOP_UP_THRESHOLD = 5;

async function topUpOne(
  store: LocalStore,
  transport: Pick<ServerTransport, "leaseNumberBlock">,
  device: { deviceId: string; deviceToken: string },
  numberingId: string,
  used: "invoices" | "creditNotes",
  threshold: number,
  now: () => number,
): Promise<number> {
  const numbersLeft = () =>
    used === "invoices" ? store.numbersLeft(numberingId) : store.returns.creditNoteNumbersLeft(numberingId);
  const left = await numbersLeft();
  if (left >= threshold) return left;
  const key = `${device.deviceId}|${numberingId}`;
  if ((leaseNotBefore.get(key) ?? 0) > now()) return left;
  let block: Awaited<ReturnType<ServerTransport["leaseNumberBlock"]>>;
  try {
    block = await transport.leaseNumberBlock(device.deviceToken, { numberingId });
  } catch (error) {
    if (isTransportError(error) && (error.status === 429 || error.code === "LEASE_LIMIT_REACHED")) {
      const wait = error.status === 429 ? (error.details.retryAfterMs ?? 60_000) : LEASE_LIMIT_RETRY_MS;
      leaseNotBefore.set(key, now() + wait);
      return left;
    }
    throw error;
  }
  leaseNotBefore.delete(key);
  await store.putNumberBlocks([{ ...block, numberingId: block.numberingId ?? numberingId }]);
  return numbersLeft();
}
