import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import { useAppServices } from "../services/appServices";
import { type TillStock, tillStockByProduct } from "./tillStock";

const empty = new Map<string, TillStock>();

/** The stock each tracked product shows at this till, live: it changes with every sale and pull. */
export function useTillStock(): Map<string, TillStock> {
  const { store } = useAppServices();
  const snapshot = useLiveQuery(() => store.readTillStock(), [store]);
  return useMemo(
    () => (snapshot ? tillStockByProduct(snapshot.balances, snapshot.invoices, snapshot.state, Date.now()) : empty),
    [snapshot],
  );
}
