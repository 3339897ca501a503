import { amountBeforeTicketDiscount, type InvoiceTotals } from "@mostrador/domain";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n";
import { TaxLabel } from "../receipt/TaxLabel";
import { type Cart, type CartLine, cartSale } from "./cart";
import { DiscountField } from "./DiscountField";
import type { DiscountEntry } from "./discountInput";

interface CartPanelProps {
  cart: Cart;
  totals: InvoiceTotals;
  clientSlot: ReactNode;
  /** On the payment step the sale is shown but not editable (the tenders were set for its total). */
  locked?: boolean;
  onIncrement: (key: string) => void;
  onDecrement: (key: string) => void;
  onQuantity: (key: string, quantity: number) => void;
  /** A line's own discount: a percentage or a fixed amount. */
  onDiscount: (key: string, discount: DiscountEntry) => void;
  /** "Descuento al total" (spread over the lines by the domain code). */
  onTicketDiscount: (discount: DiscountEntry) => void;
  onRemove: (key: string) => void;
  onClear: () => void;
  onNext: () => void;
}

const lineDiscountOf = (line: CartLine): DiscountEntry | null =>
  line.discountAmount
    ? { mode: "amount", amount: line.discountAmount }
    : line.discountPercent > 0
      ? { mode: "percent", percent: line.discountPercent }
      : null;

/**
 * The sale being built: lines with +/−, their discount (% or $) and remove, the discount on the
 * whole ticket; totals from the domain package. A line shows its amount after its own discount;
 * the ticket discount is one row below the lines.
 */
export function CartPanel(props: CartPanelProps) {
  const { cart, totals } = props;
  const { t, money } = useI18n();
  const sale = cartSale(cart);
  const ticketDiscount = sale.ticketDiscount;
  return (
    <section className="cart" aria-label={t("sale.cart")}>
      {props.clientSlot}
      <ul className="cart__lines">
        {cart.lines.length === 0 && <li className="muted cart__empty">{t("sale.emptyCart")}</li>}
        {cart.lines.map((line) => (
          <li key={line.key} className="cart-line">
            <div className="cart-line__head">
              <span className="cart-line__name">{line.description}</span>
              <span className="cart-line__total">{money(amountBeforeTicketDiscount(line))}</span>
            </div>
            {props.locked && lineDiscountOf(line) && (
              <small className="muted">{discountText(lineDiscountOf(line), money)}</small>
            )}
            {!props.locked && (
              <div className="cart-line__controls">
                <button
                  type="button"
                  className="button button--icon"
                  aria-label={t("sale.decrease", { name: line.description })}
                  disabled={line.quantity <= 1}
                  onClick={() => props.onDecrement(line.key)}
                >
                  −
                </button>
                <input
                  className="cart-line__qty"
                  type="number"
                  inputMode="decimal"
                  min={0.001}
                  step="any"
                  aria-label={`${t("sale.quantity")} ${line.description}`}
                  value={line.quantity}
                  onChange={(e) => {
                    const value = Number(e.target.value);
                    if (e.target.value !== "" && value > 0) props.onQuantity(line.key, value);
                  }}
                />
                <button
                  type="button"
                  className="button button--icon"
                  aria-label={t("sale.increase", { name: line.description })}
                  onClick={() => props.onIncrement(line.key)}
                >
                  +
                </button>
                <span className="muted cart-line__unit">× {money(line.unitPrice)}</span>
                <DiscountField
                  className="cart-line__discount"
                  label={t("sale.discountOf", { name: line.description })}
                  value={lineDiscountOf(line)}
                  onChange={(entry) => props.onDiscount(line.key, entry)}
                />
                <button
                  type="button"
                  className="button button--icon button--danger"
                  aria-label={t("sale.remove", { name: line.description })}
                  onClick={() => props.onRemove(line.key)}
                >
                  ✕
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {cart.lines.length > 0 && (!props.locked || ticketDiscount) && (
        <div className="cart__ticket-discount">
          <span>{t("sale.ticketDiscount")}</span>
          {props.locked ? (
            <span className="muted">{discountText(cart.ticketDiscount ?? null, money)}</span>
          ) : (
            <DiscountField
              label={t("sale.ticketDiscount")}
              value={cart.ticketDiscount ?? null}
              onChange={props.onTicketDiscount}
            />
          )}
          <span className="cart__ticket-discount-amount" data-testid="ticket-discount">
            {ticketDiscount ? `−${money(sumLines(sale.lines) - totals.total)}` : ""}
          </span>
        </div>
      )}
      <dl className="totals">
        <div>
          <dt>{t("sale.subtotal")}</dt>
          <dd>{money(totals.subtotal)}</dd>
        </div>
        {totals.discount > 0 && (
          <div>
            <dt>{t("sale.discounts")}</dt>
            <dd>−{money(totals.discount)}</dd>
          </div>
        )}
        {totals.taxes.map((tax) => (
          <div key={`${tax.taxId}|${tax.rateBp}`}>
            <dt>
              <TaxLabel kind={tax.kind} name={tax.name} rateBp={tax.rateBp} />
            </dt>
            <dd>{money(tax.amount)}</dd>
          </div>
        ))}
        <div className="totals__grand">
          <dt>{t("sale.total")}</dt>
          <dd data-testid="sale-total">{money(totals.total)}</dd>
        </div>
      </dl>
      {!props.locked && (
        <div className="cart__actions">
          <button type="button" className="button" onClick={props.onClear} disabled={cart.lines.length === 0}>
            {t("sale.clear")}
          </button>
          <button
            type="button"
            className="button button--primary button--large"
            onClick={props.onNext}
            disabled={cart.lines.length === 0}
          >
            {t("sale.next")}
          </button>
        </div>
      )}
    </section>
  );
}

/** The lines' amounts after their own discounts: what the ticket discount comes off. */
const sumLines = (lines: readonly CartLine[]) => lines.reduce((s, l) => s + amountBeforeTicketDiscount(l), 0);

function discountText(entry: DiscountEntry | null, money: (minor: number) => string): string {
  if (!entry) return "";
  return entry.mode === "percent" ? `${String(entry.percent).replace(".", ",")} %` : money(entry.amount);
}
