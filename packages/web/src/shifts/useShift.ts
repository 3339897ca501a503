import { useLiveQuery } from "dexie-react-hooks";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice, LocalShift } from "../storage/localRecords";

/** The open shift of the terminal, live: undefined while loading, null when there is none. */
export function useOpenShift(terminalId: string): LocalShift | null | undefined {
  const { store } = useAppServices();
  return useLiveQuery(async () => (await store.getOpenShift(terminalId)) ?? null, [store, terminalId], undefined);
}

export function useShift(id: string): LocalShift | undefined {
  const { store } = useAppServices();
  return useLiveQuery(() => store.getShift(id), [store, id]);
}

/** The invoices sold during the shift, live (their sync status changes while the screen shows). */
export function useShiftInvoices(id: string): LocalInvoice[] | undefined {
  const { store } = useAppServices();
  return useLiveQuery(() => store.listShiftInvoices(id), [store, id]);
}
