import { useEffect } from "react";

/** While invoices exist only on this device, closing or reloading the tab asks for confirmation. */
export function useBeforeUnloadGuard(unsyncedInvoices: number, message: string): void {
  useEffect(() => {
    if (unsyncedInvoices <= 0) return;
    function onBeforeUnload(event: BeforeUnloadEvent) {
      event.preventDefault();
      // Older browsers show a dialog only when returnValue is set.
      event.returnValue = message;
      return message;
    }
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [unsyncedInvoices, message]);
}
