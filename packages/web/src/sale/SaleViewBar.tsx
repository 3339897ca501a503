import type { Minor } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import type { Cart } from "./cart";

export type PhoneSaleView = "catalog" | "cart";

/** Articles in the sale for "Ver venta (3)": units of counted lines; a weighed line (1,25 kg) is one article. */
export function cartArticleCount(cart: Pick<Cart, "lines">): number {
  return cart.lines.reduce((sum, line) => sum + (Number.isInteger(line.quantity) ? line.quantity : 1), 0);
}

/**
 * On a phone the catalog and the cart are two views (app/layout.css shows this bar only there):
 * under the catalog "Ver venta (3) · $ 55.550", above the cart "Agregar productos".
 */
export function SaleViewBar(props: {
  view: PhoneSaleView;
  cart: Cart;
  total: Minor;
  onView: (view: PhoneSaleView) => void;
}) {
  const { t, money } = useI18n();
  return (
    <div className="sale-view-bar no-print">
      {props.view === "catalog" ? (
        <button type="button" className="button button--primary button--large" onClick={() => props.onView("cart")}>
          {t("sale.viewCart", { count: cartArticleCount(props.cart), total: money(props.total) })}
        </button>
      ) : (
        <button type="button" className="button button--large" onClick={() => props.onView("catalog")}>
          <span aria-hidden="true">←</span> {t("sale.backToProducts")}
        </button>
      )}
    </div>
  );
}
