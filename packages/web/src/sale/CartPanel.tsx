import type { InvoiceTotals } from "@mostrador/domain";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n";
import { TaxLabel } from "../receipt/TaxLabel";
import type { Cart } from "./cart";

interface CartPanelProps {
  cart: Cart;
  totals: InvoiceTotals;
  clientSlot: ReactNode;
  /** On the payment step the sale is shown but not editable (the tenders were set for its total). */
  locked?: boolean;
  onIncrement: (key: string) => void;
  onDecrement: (key: string) => void;
  onQuantity: (key: string, quantity: number) => void;
  onDiscount: (key: string, percent: number) => void;
  onRemove: (key: string) => void;
  onClear: () => void;
  onNext: () => void;
}

/** The sale being built: lines with +/−, discount % and remove; totals from the domain package. */
export function CartPanel(props: CartPanelProps) {
  const { cart, totals } = props;
  const { t, money } = useI18n();
  return (
    <section className="cart" aria-label={t("sale.cart")}>
      {props.clientSlot}
      <ul className="cart__lines">
        {cart.lines.length === 0 && <li className="muted cart__empty">{t("sale.emptyCart")}</li>}
        {cart.lines.map((line, i) => (
          <li key={line.key} className="cart-line">
            <div className="cart-line__head">
              <span className="cart-line__name">{line.description}</span>
              <span className="cart-line__total">{money(totals.lines[i]?.total ?? 0)}</span>
            </div>
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
                <label className="cart-line__discount">
                  <input
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={100}
                    step="any"
                    aria-label={t("sale.discountOf", { name: line.description })}
                    value={line.discountPercent || ""}
                    placeholder="0"
                    onChange={(e) => props.onDiscount(line.key, Number(e.target.value || 0))}
                  />
                  <span aria-hidden="true">%</span>
                </label>
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
