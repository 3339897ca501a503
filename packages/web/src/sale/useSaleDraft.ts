import { localDate, type Product, WALK_IN_CLIENT_ID_NUMBER } from "@mostrador/domain";
import { useLiveQuery } from "dexie-react-hooks";
import { type RefObject, useCallback, useMemo, useRef, useState } from "react";
import type { MessageKey } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import type { ClientRecord } from "../storage/localRecords";
import { addProduct, type Cart, cartTotals, emptyCart } from "./cart";
import { saleBlocker } from "./checkout";
import type { ChosenClient } from "./invoiceDraft";
import { initialPayments, type PaymentEntry } from "./payment";
import { ProductSearchIndex } from "./productSearchIndex";
import type { SellingData } from "./useSellingData";

export type SaleStep = "cart" | "payment";

/** A save slower than this shows "Guardando…" on the disabled button; a normal one (a few ms) renders nothing. */
const BUSY_AFTER_MS = 120;

/** What "Facturar" hands to the screen that owns the sale (a new sale, a revision). */
export interface SaleSubmission {
  cart: Cart;
  payments: readonly PaymentEntry[];
  client: ChosenClient | null;
}

export type SubmitOutcome = { ok: true } | { ok: false; error: { key: MessageKey; params?: Record<string, string> } };

export interface SaleDraftOptions {
  data: SellingData;
  online: boolean;
  /** The cart to start from: empty for a new sale, the invoice's lines for "Editar". */
  initialCart?: Cart;
  /** Whether saving takes a number of the device's blocks (so running out blocks "Facturar"). */
  takesNumber?: boolean;
  /** The client to show when the cart's client is not in the local list (the invoice's own). */
  fallbackClient?: ChosenClient | null;
}

export interface SaleDraft {
  cart: Cart;
  setCart: (change: (cart: Cart) => Cart) => void;
  step: SaleStep;
  setStep: (step: SaleStep) => void;
  payments: PaymentEntry[];
  setPayments: (payments: PaymentEntry[]) => void;
  totals: ReturnType<typeof cartTotals>;
  index: ProductSearchIndex;
  clients: ClientRecord[];
  chosenClient: ChosenClient | null;
  numbersLeft: number | null;
  /** Why "Facturar" cannot be pressed (no numbers, electronic offline, numbering expired), else null. */
  blockerKey: MessageKey | null;
  busy: boolean;
  error: { key: MessageKey; params?: Record<string, string> } | null;
  searchRef: RefObject<HTMLInputElement | null>;
  add(product: Product): void;
  priceOf(product: Product): number;
  toPayment(): void;
  submit(onSubmit: (sale: SaleSubmission) => Promise<SubmitOutcome>): Promise<void>;
  /** Back to an empty cart (after a sale). */
  reset(): void;
}

/**
 * The state of one sale being rung up, shared by the sale screen and the editor of an invoice in
 * error: catalog and clients live from the local store, the cart, the payment step and the rules
 * that block "Facturar".
 */
export function useSaleDraft({
  data,
  online,
  initialCart = emptyCart,
  takesNumber = true,
  fallbackClient = null,
}: SaleDraftOptions): SaleDraft {
  const { store } = useAppServices();
  const [cart, setCartState] = useState<Cart>(initialCart);
  const [step, setStep] = useState<SaleStep>("cart");
  const [payments, setPayments] = useState<PaymentEntry[]>([]);
  const [busy, setBusy] = useState(false);
  /** "Facturar" pressed and not answered yet: the guard against a second press (no render needed for it). */
  const submitting = useRef(false);
  const [error, setError] = useState<SaleDraft["error"]>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const products = useLiveQuery(() => store.listProducts(), [store], [] as Product[]);
  const clients = useLiveQuery(() => store.listClients(), [store], [] as ClientRecord[]);
  const index = useMemo(() => new ProductSearchIndex(products), [products]);
  const { numbering, company, taxesById, priceOverrides } = data;
  const electronic = numbering.electronic;
  const numbersLeft = useLiveQuery(
    () => (electronic || !takesNumber ? null : store.numbersLeft(numbering.id)),
    [store, numbering.id, electronic, takesNumber],
    null as number | null,
  );
  const totals = useMemo(() => cartTotals(cart), [cart]);
  const chosenClient = useMemo(() => chooseClient(cart, clients, fallbackClient), [cart, clients, fallbackClient]);
  const today = localDate(new Date().toISOString(), company.timeZone);
  const blockerKey = saleBlocker({ numbering, online, numbersLeft, today });

  const setCart = useCallback((change: (cart: Cart) => Cart) => setCartState(change), []);
  const add = useCallback(
    (product: Product) => {
      const tax = taxesById.get(product.taxId);
      if (!tax) return;
      setCartState((c) => addProduct(c, product, tax, { price: priceOverrides.get(product.id) }));
    },
    [taxesById, priceOverrides],
  );
  const priceOf = useCallback((p: Product) => priceOverrides.get(p.id) ?? p.price, [priceOverrides]);

  return {
    cart,
    setCart,
    step,
    setStep,
    payments,
    setPayments,
    totals,
    index,
    clients,
    chosenClient,
    numbersLeft,
    blockerKey,
    busy,
    error,
    searchRef,
    add,
    priceOf,
    toPayment() {
      setPayments(initialPayments(totals.total, data.paymentMethods));
      setError(null);
      setStep("payment");
    },
    async submit(onSubmit) {
      if (submitting.current) return;
      submitting.current = true;
      // "Guardando…" only when saving is slow: a render before the save would hold up the receipt.
      const showBusy = setTimeout(() => setBusy(true), BUSY_AFTER_MS);
      if (error) setError(null);
      try {
        const outcome = await onSubmit({ cart, payments, client: chosenClient });
        if (!outcome.ok) setError(outcome.error);
      } finally {
        clearTimeout(showBusy);
        submitting.current = false;
        setBusy(false);
      }
    },
    reset() {
      setCartState(emptyCart);
      setPayments([]);
      setError(null);
      setStep("cart");
    },
  };
}

/** The cart's client (also one created at the till with it), else the fallback, else the walk-in customer. */
export function chooseClient(
  cart: Cart,
  clients: readonly ClientRecord[],
  fallback: ChosenClient | null = null,
): ChosenClient | null {
  if (cart.newClient && cart.newClient.id === cart.clientId) {
    const { id, name, idType, idNumber } = cart.newClient;
    return { id, name, idType, idNumber };
  }
  const found = cart.clientId ? clients.find((c) => c.id === cart.clientId) : undefined;
  if (found) return { id: found.id, name: found.name, idType: found.idType, idNumber: found.idNumber };
  if (fallback && cart.clientId === fallback.id) return fallback;
  const walkIn = clients.find((c) => c.idNumber === WALK_IN_CLIENT_ID_NUMBER && c.active);
  return walkIn ? { id: walkIn.id, name: walkIn.name, idType: walkIn.idType, idNumber: walkIn.idNumber } : null;
}
