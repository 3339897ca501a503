import type { InvoiceTotals, Minor, PaymentMethod } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import { taxLabel } from "./TaxLabel";

/**
 * Subtotal, discounts, one line per tax rate ("IVA 19 %   base $ 12.268,90   $ 2.331,10") and the total: the same
 * block on the invoice's ticket and on a credit note's.
 */
export function ReceiptTotals({
  totals,
  ticketDiscount,
}: {
  totals: Pick<InvoiceTotals, "subtotal" | "discount" | "taxes" | "total">;
  /**
   * An invoice's discount on the whole ticket: the lines' amounts (after their own discounts) and
   * what the discount took off them, so the printed lines, this row and the total add up.
   */
  ticketDiscount?: { linesSum: Minor; amount: Minor; percent?: number | undefined } | undefined;
}) {
  const { t, money, number } = useI18n();
  return (
    <dl className="receipt__totals">
      {ticketDiscount && (
        <>
          <div>
            <dt>{t("receipt.linesSum")}</dt>
            <dd>{money(ticketDiscount.linesSum)}</dd>
          </div>
          <div className="receipt__ticket-discount">
            <dt>
              {ticketDiscount.percent !== undefined
                ? t("receipt.ticketDiscountPercent", { percent: number(ticketDiscount.percent) })
                : t("receipt.ticketDiscount")}
            </dt>
            <dd>−{money(ticketDiscount.amount)}</dd>
          </div>
        </>
      )}
      <div>
        <dt>{t("receipt.subtotal")}</dt>
        <dd>{money(totals.subtotal)}</dd>
      </div>
      {totals.discount > 0 && (
        <div>
          <dt>{t("receipt.discounts")}</dt>
          <dd>−{money(totals.discount)}</dd>
        </div>
      )}
      {totals.taxes.map((tax) => (
        <div key={`${tax.taxId}|${tax.rateBp}`} className="receipt__tax">
          <dt>{taxLabel(tax.kind, tax.name, tax.rateBp)}</dt>
          <dd className="receipt__tax-base">
            {t("receipt.taxBase")} {money(tax.base)}
          </dd>
          <dd>{money(tax.amount)}</dd>
        </div>
      ))}
      <div className="receipt__grand">
        <dt>{t("receipt.total")}</dt>
        <dd>{money(totals.total)}</dd>
      </div>
    </dl>
  );
}

export interface ReceiptTender {
  paymentMethodId: string;
  kind: PaymentMethod["kind"];
  amount: Minor;
}

/** "Pagos" / "Reembolso": a titled list of money by method (the title outside the list, so the list stays valid). */
export function ReceiptTenders({
  id,
  title,
  tenders,
  methodNames,
  change,
}: {
  id: string;
  title: string;
  tenders: readonly ReceiptTender[];
  methodNames: Record<string, string> | undefined;
  /** The invoice's change ("Cambio"); a credit note has none. */
  change?: Minor;
}) {
  const { t, money } = useI18n();
  return (
    <>
      <p className="receipt__section" id={id}>
        {title}
      </p>
      <dl className="receipt__payments" aria-labelledby={id}>
        {tenders.map((tender, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a saved document's tenders never reorder
          <div key={`${tender.paymentMethodId}-${i}`}>
            <dt>{methodNames?.[tender.paymentMethodId] ?? tender.kind}</dt>
            <dd>{money(tender.amount)}</dd>
          </div>
        ))}
        {change !== undefined && (
          <div>
            <dt>{t("receipt.change")}</dt>
            <dd>{money(change)}</dd>
          </div>
        )}
      </dl>
    </>
  );
}
