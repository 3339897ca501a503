import { type Product, WALK_IN_CLIENT_ID_NUMBER } from "@mostrador/domain";
import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useMemo, useRef, useState } from "react";
import { useAppServices } from "../app/appServices";
import { useI18n } from "../i18n/i18n";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { CartPanel } from "../sale/CartPanel";
import { ClientPicker } from "../sale/ClientPicker";
import {
  addProduct,
  type Cart,
  cartTotals,
  decrementLine,
  incrementLine,
  removeLine,
  setClient,
  setLineDiscount,
  setQuantity,
} from "../sale/cart";
import { checkoutBlocker } from "../sale/checkout";
import type { ChosenClient } from "../sale/invoiceDraft";
import { PaymentStep } from "../sale/PaymentStep";
import { ProductCatalog } from "../sale/ProductCatalog";
import { initialPayments, type PaymentEntry } from "../sale/payment";
import { ProductSearchIndex } from "../sale/productSearchIndex";
import type { SellingData } from "../sale/useSellingData";
import type { ClientRecord, LocalInvoice } from "../storage/localRecords";
import { cartFromInvoice, needsNewNumber, resubmitInvoice } from "./editInvoice";
import { rejectionText } from "./rejectionText";
import "./invoiceError.css";

interface InvoiceEditorProps {
  invoice: LocalInvoice;
  data: SellingData;
  online: boolean;
  onSaved: (invoice: LocalInvoice) => void;
  onCancel: () => void;
}

/**
 * "Editar" on an invoice in error: the sale editor prefilled with its lines, client and notes →
 * "Siguiente" → the payment method chosen again → "Facturar" saves a new revision (pending).
 */
export function InvoiceEditor({ invoice, data, online, onSaved, onCancel }: InvoiceEditorProps) {
  const services = useAppServices();
  const { store } = services;
  const { t, locale } = useI18n();
  const [cart, setCart] = useState<Cart>(() => cartFromInvoice(invoice.document));
  const [step, setStep] = useState<"cart" | "payment">("cart");
  const [payments, setPayments] = useState<PaymentEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const products = useLiveQuery(() => store.listProducts(), [store], [] as Product[]);
  const clients = useLiveQuery(() => store.listClients(), [store], [] as ClientRecord[]);
  const index = useMemo(() => new ProductSearchIndex(products), [products]);
  const totals = useMemo(() => cartTotals(cart), [cart]);
  const chosenClient = useMemo(() => chooseClient(cart, clients, invoice), [cart, clients, invoice]);
  const newNumber = needsNewNumber(invoice.errors);
  const electronic = data.numbering.electronic;
  const numbersLeft = useLiveQuery(
    () => (electronic || !newNumber ? null : store.numbersLeft(data.numbering.id)),
    [store, data.numbering.id, electronic, newNumber],
    null as number | null,
  );
  const blockerKey = checkoutBlocker({ electronic, online, numbersLeft });
  const number = formatInvoiceNumber(invoice.prefix, invoice.number) ?? "—";

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

  async function save() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await resubmitInvoice(services, {
      invoice,
      cart,
      payments,
      context: data.context,
      client: chosenClient,
    });
    setBusy(false);
    if (!result.ok) {
      setError(t(result.error.key, result.error.params));
      return;
    }
    onSaved(result.invoice);
  }

  const clientPicker = (
    <ClientPicker
      clients={clients}
      chosen={chosenClient}
      onChoose={(client, created) => setCart((c) => setClient(c, client.id, created))}
    />
  );

  return (
    <section className="invoice-editor" aria-labelledby="invoice-editor-title">
      <div className="invoice-editor__bar">
        <h2 id="invoice-editor-title">{t("invoiceError.editTitle", { number })}</h2>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t("invoiceError.cancelEdit")}
        </button>
      </div>
      <ul className="message message--error invoice-editor__reasons" aria-label={t("invoiceError.reasons")}>
        {invoice.errors.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the server's list of reasons is fixed
          <li key={`${e.code}-${i}`}>{rejectionText(e, locale)}</li>
        ))}
      </ul>
      <p className="muted">{t("invoiceError.editHint")}</p>
      {newNumber && invoice.number !== null && (
        <p className="message message--warning">{t("invoiceError.newNumber", { number })}</p>
      )}
      <div className="sale-screen">
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
            onInvoice={() => void save()}
            blocker={blockerKey ? t(blockerKey) : null}
            busy={busy}
            error={error}
          />
        )}
        <div className="sale-screen__side">
          <CartPanel
            cart={cart}
            totals={totals}
            clientSlot={step === "cart" ? clientPicker : <p className="client-summary">{chosenClient?.name}</p>}
            locked={step !== "cart"}
            onIncrement={(key) => setCart((c) => incrementLine(c, key))}
            onDecrement={(key) => setCart((c) => decrementLine(c, key))}
            onQuantity={(key, q) => setCart((c) => setQuantity(c, key, q))}
            onDiscount={(key, p) => setCart((c) => setLineDiscount(c, key, p))}
            onRemove={(key) => setCart((c) => removeLine(c, key))}
            onClear={() => setCart((c) => ({ ...c, lines: [] }))}
            onNext={toPayment}
          />
          <label className="field">
            <span>{t("invoiceError.notes")}</span>
            <textarea
              value={cart.notes}
              maxLength={1000}
              rows={2}
              readOnly={step !== "cart"}
              onChange={(e) => setCart((c) => ({ ...c, notes: e.target.value }))}
            />
          </label>
        </div>
      </div>
    </section>
  );
}

/** The invoice's client (also one created at the till with it), else the walk-in customer. */
function chooseClient(cart: Cart, clients: readonly ClientRecord[], invoice: LocalInvoice): ChosenClient | null {
  if (cart.newClient && cart.newClient.id === cart.clientId) {
    const { id, name, idType, idNumber } = cart.newClient;
    return { id, name, idType, idNumber };
  }
  const found = cart.clientId ? clients.find((c) => c.id === cart.clientId) : undefined;
  if (found) return { id: found.id, name: found.name, idType: found.idType, idNumber: found.idNumber };
  if (cart.clientId === invoice.clientId && invoice.receipt) {
    const r = invoice.receipt;
    return { id: invoice.clientId, name: r.clientName, idType: r.clientIdType, idNumber: r.clientIdNumber };
  }
  const walkIn = clients.find((c) => c.idNumber === WALK_IN_CLIENT_ID_NUMBER && c.active);
  return walkIn ? { id: walkIn.id, name: walkIn.name, idType: walkIn.idType, idNumber: walkIn.idNumber } : null;
}
