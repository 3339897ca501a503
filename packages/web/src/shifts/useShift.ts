import { useLiveQuery } from "dexie-react-hooks";
import { useAppServices } from "../services/appServices";
import type { LocalCreditNote, LocalInvoice, LocalShift } from "../storage/localRecords";

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

/** The shift's credit notes (returns) made here, live: their refunds lower the expected cash. */
export function useShiftCreditNotes(id: string): LocalCreditNote[] | undefined {
  const { store } = useAppServices();
  return useLiveQuery(() => store.returns.listShiftCreditNotes(id), [store, id]);
}
