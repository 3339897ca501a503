import type { ServerTransport } from "../api/serverTransport";
import type { LocalStore } from "../storage/localStore";

/** Below this many numbers left, the device leases another block while online. */
export const NUMBER_TOP_UP_THRESHOLD = 20;

/**
 * Minimal top-up (issue 5 refines it): when the terminal's numbering is not electronic and
 * the device has few numbers left, lease a block and store it. Returns the numbers left.
 */
export async function topUpNumberBlocks(
  store: LocalStore,
  transport: Pick<ServerTransport, "leaseNumberBlock">,
  threshold = NUMBER_TOP_UP_THRESHOLD,
): Promise<number | null> {
  const device = await store.getMeta("device");
  if (!device) return null;
  const terminal = await store.getTerminal(device.terminalId);
  const numbering = terminal ? await store.getNumbering(terminal.numberingId) : undefined;
  if (!numbering || numbering.electronic) return null;
  const left = await store.numbersLeft(numbering.id);
  if (left >= threshold) return left;
  const block = await transport.leaseNumberBlock(device.deviceToken, { numberingId: numbering.id });
  await store.putNumberBlocks([{ ...block, numberingId: block.numberingId ?? numbering.id }]);
  return store.numbersLeft(numbering.id);
}
