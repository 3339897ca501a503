import { useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { NumberingNotices } from "../numbering/NumberingNotices";
import { useAppServices } from "../services/appServices";
import { CartPanel } from "./CartPanel";
import { ClientPicker } from "./ClientPicker";
import {
  decrementLine,
  incrementLine,
  removeLine,
  setClient,
  setLineDiscount,
  setLineDiscountAmount,
  setQuantity,
  setTicketDiscount,
} from "./cart";
import type { ChosenClient } from "./invoiceDraft";
import { PaymentStep } from "./PaymentStep";
import { ProductCatalog } from "./ProductCatalog";
import { type PhoneSaleView, SaleViewBar } from "./SaleViewBar";
import type { SaleDraft, SaleSubmission, SubmitOutcome } from "./useSaleDraft";
import type { SellingData } from "./useSellingData";

interface SaleEditorProps {
  draft: SaleDraft;
  data: SellingData;
  online: boolean;
  /** "Facturar": stores the sale (new, or a revision) and says whether it worked. */
  onSubmit: (sale: SaleSubmission) => Promise<SubmitOutcome>;
  /** Shown and listening to the keyboard ("/" focuses the search); hidden keeps its state. */
  active?: boolean;
  /** The notes field under the cart (kept from the invoice when editing one). */
  withNotes?: boolean;
}

/**
 * The one sale editor: catalog and cart → "Siguiente" → payment → "Facturar". The sale screen
 * and "Editar" on an invoice in error use it with their own `onSubmit`; the state lives in
 * `useSaleDraft`, owned by the screen, so the catalog index survives between sales.
 */
export function SaleEditor({ draft, data, online, onSubmit, active = true, withNotes = false }: SaleEditorProps) {
  const { t } = useI18n();
  const { store, syncEngine } = useAppServices();
  const { cart, setCart, step, blockerKey, searchRef } = draft;
  /** On a phone (CSS) the catalog and the cart are two views; elsewhere both show and this is ignored. */
  const [phoneView, setPhoneView] = useState<PhoneSaleView>("catalog");

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
  }, [active, step, searchRef]);

  const clientPicker = (
    <ClientPicker
      clients={draft.clients}
      chosen={draft.chosenClient}
      onChoose={(client, created) => {
        setCart((c) => setClient(c, client.id, created));
        // «Nuevo cliente» is kept on its own (pending upload), whatever the sale does next; it also still
        // travels with an invoice made for it, so a failure here loses nothing the sale needs.
        if (created)
          void store.tillClients
            .saveClient({ ...created, active: true })
            .then(() => syncEngine.requestSync("new client"))
            .catch(() => undefined);
      }}
    />
  );

  return (
    <div className="sale-screen" hidden={!active} data-step={step} data-view={phoneView}>
      <h1 className="visually-hidden">{t("sale.screenTitle")}</h1>
      {step === "cart" ? (
        <ProductCatalog
          index={draft.index}
          categories={data.categories}
          priceOf={draft.priceOf}
          onAdd={draft.add}
          searchRef={searchRef}
          warnAtZeroStock={data.company.blockSaleAtZeroStock}
        />
      ) : (
        <PaymentStep
          total={draft.totals.total}
          methods={data.paymentMethods}
          payments={draft.payments}
          onChange={draft.setPayments}
          onBack={() => draft.setStep("cart")}
          onInvoice={() => void draft.submit(onSubmit)}
          blocker={blockerKey ? t(blockerKey) : null}
          busy={draft.busy}
          error={draft.error ? t(draft.error.key, draft.error.params) : null}
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
            numbersLeft={draft.numbersLeft}
            online={online}
            timeZone={data.company.timeZone}
          />
        )}
        <CartPanel
          cart={cart}
          totals={draft.totals}
          clientSlot={step === "cart" ? clientPicker : <ClientSummary client={draft.chosenClient} />}
          locked={step !== "cart"}
          onIncrement={(key) => setCart((c) => incrementLine(c, key))}
          onDecrement={(key) => setCart((c) => decrementLine(c, key))}
          onQuantity={(key, q) => setCart((c) => setQuantity(c, key, q))}
          onDiscount={(key, d) =>
            setCart((c) =>
              d.mode === "percent" ? setLineDiscount(c, key, d.percent) : setLineDiscountAmount(c, key, d.amount),
            )
          }
          onTicketDiscount={(d) => setCart((c) => setTicketDiscount(c, d))}
          onRemove={(key) => setCart((c) => removeLine(c, key))}
          onClear={() => setCart((c) => ({ ...c, lines: [], ticketDiscount: null }))}
          onNext={draft.toPayment}
        />
        {withNotes && (
          <label className="field">
            <span>{t("sale.notes")}</span>
            <textarea
              value={cart.notes}
              maxLength={1000}
              rows={2}
              readOnly={step !== "cart"}
              onChange={(e) => setCart((c) => ({ ...c, notes: e.target.value }))}
            />
          </label>
        )}
      </div>
      <SaleViewBar view={phoneView} cart={cart} total={draft.totals.total} onView={setPhoneView} />
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
