import { type Product, WALK_IN_CLIENT_ID_NUMBER } from "@mostrador/domain";
import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useAppServices } from "../app/appServices";
import { useI18n } from "../i18n/i18n";
import { todayIn } from "../maintenance/zonedTime";
import { NumberingNotices } from "../numbering/NumberingNotices";
import { numberingExpired } from "../numbering/numberingNotices";
import { markStart } from "../perf/performanceMarks";
import { ReceiptView } from "../receipt/ReceiptView";
import type { ClientRecord, LocalInvoice } from "../storage/localRecords";
import { CartPanel } from "./CartPanel";
import { ClientPicker } from "./ClientPicker";
import {
  addProduct,
  type Cart,
  cartTotals,
  decrementLine,
  emptyCart,
  incrementLine,
  removeLine,
  setClient,
  setLineDiscount,
  setQuantity,
} from "./cart";
import { checkout, checkoutBlocker } from "./checkout";
import type { ChosenClient } from "./invoiceDraft";
import { PaymentStep } from "./PaymentStep";
import { ProductCatalog } from "./ProductCatalog";
import { initialPayments, type PaymentEntry } from "./payment";
import { ProductSearchIndex } from "./productSearchIndex";
import type { SellingData } from "./useSellingData";

type Step = "cart" | "payment" | "receipt";

/** The selling screen: catalog and cart → "Siguiente" → payment → "Facturar" → receipt. */
export function SaleScreen({ data, online, active }: { data: SellingData; online: boolean; active: boolean }) {
  const services = useAppServices();
  const { store } = services;
  const { t } = useI18n();
  const [cart, setCart] = useState<Cart>(emptyCart);
  const [step, setStep] = useState<Step>("cart");
  const [payments, setPayments] = useState<PaymentEntry[]>([]);
  const [receipt, setReceipt] = useState<LocalInvoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const products = useLiveQuery(() => store.listProducts(), [store], [] as Product[]);
  const clients = useLiveQuery(() => store.listClients(), [store], [] as ClientRecord[]);
  const index = useMemo(() => new ProductSearchIndex(products), [products]);
  const numberingId = data.numbering.id;
  const electronic = data.numbering.electronic;
  const numbersLeft = useLiveQuery(
    () => (electronic ? null : store.numbersLeft(numberingId)),
    [store, numberingId, electronic],
    null as number | null,
  );
  const totals = useMemo(() => cartTotals(cart), [cart]);
  const chosenClient = useMemo(() => chooseClient(cart, clients), [cart, clients]);
  const blockerKey =
    checkoutBlocker({ electronic, online, numbersLeft }) ??
    (numberingExpired(data.numbering, todayIn(data.company.timeZone)) ? "numbering.expiredBlocked" : null);

  useEffect(() => {
    if (!active || step !== "cart") return;
    function onKeyDown(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
      if (event.key === "/" && !typing) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [active, step]);

  const { taxesById, priceOverrides } = data;
  const add = useCallback(
    (product: Product) => {
      const tax = taxesById.get(product.taxId);
      if (!tax) return;
      setCart((c) => addProduct(c, product, tax, { price: priceOverrides.get(product.id) }));
    },
    [taxesById, priceOverrides],
  );
  const priceOf = useCallback((p: Product) => priceOverrides.get(p.id) ?? p.price, [priceOverrides]);

  function toPayment() {
    setPayments(initialPayments(totals.total, data.paymentMethods));
    setError(null);
    setStep("payment");
  }

  async function invoice() {
    if (busy) return;
    markStart("mostrador:invoice");
    setBusy(true);
    setError(null);
    const result = await checkout(services, {
      cart,
      payments,
      context: data.context,
      client: chosenClient,
      online,
    });
    setBusy(false);
    if (!result.ok) {
      setError(t(result.error.key, result.error.params));
      return;
    }
    setReceipt(result.invoice);
    setNotice(result.notice ? t(result.notice.key, result.notice.params) : null);
    setStep("receipt");
  }

  function newSale() {
    setCart(emptyCart);
    setPayments([]);
    setReceipt(null);
    setNotice(null);
    setError(null);
    setStep("cart");
    setTimeout(() => searchRef.current?.focus(), 0);
  }

  if (step === "receipt" && receipt) {
    return (
      <div className="sale-screen sale-screen--receipt" hidden={!active}>
        <ReceiptView invoiceId={receipt.id} initial={receipt} notice={notice} onNewSale={newSale} />
      </div>
    );
  }

  const clientPicker = (
    <ClientPicker
      clients={clients}
      chosen={chosenClient}
      onChoose={(client, newClient) => setCart((c) => setClient(c, client.id, newClient))}
    />
  );

  return (
    <div className="sale-screen" hidden={!active}>
      {step === "cart" ? (
        <ProductCatalog
          index={index}
          categories={data.categories}
          priceOf={priceOf}
          onAdd={add}
          searchRef={searchRef}
        />
      ) : (
        <PaymentStep
          total={totals.total}
          methods={data.paymentMethods}
          payments={payments}
          onChange={setPayments}
          onBack={() => setStep("cart")}
          onInvoice={() => void invoice()}
          blocker={blockerKey ? t(blockerKey) : null}
          busy={busy}
          error={error}
        />
      )}
      <div className="sale-screen__side">
        {blockerKey && step === "cart" && (
          <p className="message message--error" role="alert">
            {t(blockerKey)}
          </p>
        )}
        {!blockerKey && (
          <NumberingNotices
            numbering={data.numbering}
            numbersLeft={numbersLeft}
            online={online}
            timeZone={data.company.timeZone}
          />
        )}
        <CartPanel
          cart={cart}
          totals={totals}
          clientSlot={step === "cart" ? clientPicker : <ClientSummary client={chosenClient} />}
          locked={step !== "cart"}
          onIncrement={(key) => setCart((c) => incrementLine(c, key))}
          onDecrement={(key) => setCart((c) => decrementLine(c, key))}
          onQuantity={(key, q) => setCart((c) => setQuantity(c, key, q))}
          onDiscount={(key, p) => setCart((c) => setLineDiscount(c, key, p))}
          onRemove={(key) => setCart((c) => removeLine(c, key))}
          onClear={() => setCart((c) => ({ ...emptyCart, clientId: c.clientId, newClient: c.newClient }))}
          onNext={toPayment}
        />
      </div>
    </div>
  );
}

function ClientSummary({ client }: { client: ChosenClient | null }) {
  const { t } = useI18n();
  return (
    <p className="client-summary">
      <span className="muted">{t("client.label")}</span> <strong>{client?.name}</strong>
    </p>
  );
}

function chooseClient(cart: Cart, clients: readonly ClientRecord[]): ChosenClient | null {
  if (cart.newClient && cart.newClient.id === cart.clientId) {
    const { id, name, idType, idNumber } = cart.newClient;
    return { id, name, idType, idNumber };
  }
  const found =
    (cart.clientId && clients.find((c) => c.id === cart.clientId)) ||
    clients.find((c) => c.idNumber === WALK_IN_CLIENT_ID_NUMBER && c.active);
  return found ? { id: found.id, name: found.name, idType: found.idType, idNumber: found.idNumber } : null;
}
