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
  if (!numbering || numbering.electronic) return null;
  const left = await store.numbersLeft(numbering.id);
  if (left >= threshold) return left;
  if ((leaseNotBefore.get(device.deviceId) ?? 0) > now()) return left;
  let block: Awaited<ReturnType<ServerTransport["leaseNumberBlock"]>>;
  try {
    block = await transport.leaseNumberBlock(device.deviceToken, { numberingId: numbering.id });
  } catch (error) {
    if (isTransportError(error) && (error.status === 429 || error.code === "LEASE_LIMIT_REACHED")) {
      const wait = error.status === 429 ? (error.details.retryAfterMs ?? 60_000) : LEASE_LIMIT_RETRY_MS;
      leaseNotBefore.set(device.deviceId, now() + wait);
      return left;
    }
    throw error;
  }
  leaseNotBefore.delete(device.deviceId);
  await store.putNumberBlocks([{ ...block, numberingId: block.numberingId ?? numbering.id }]);
  return store.numbersLeft(numbering.id);
}
