import type { Company } from "@mostrador/domain";
import type { ReceiptContext } from "../storage/localRecords";

/**
 * The company's part of a receipt, frozen at the sale (the sale and the fallback for invoices
 * made elsewhere alike). A company downloaded before these settings existed prints without them.
 */
export function receiptCompanyFields(
  company: Company,
): Pick<
  ReceiptContext,
  | "companyName"
  | "companyNit"
  | "companyAddress"
  | "companyPhone"
  | "taxRegime"
  | "receiptHeader"
  | "receiptFooter"
  | "timeZone"
  | "currency"
> {
  return {
    companyName: company.name,
    companyNit: company.nit,
    companyAddress: company.address ?? "",
    companyPhone: company.phone ?? "",
    ...(company.taxRegime ? { taxRegime: company.taxRegime } : {}),
    receiptHeader: company.receiptHeader ?? "",
    receiptFooter: company.receiptFooter ?? "",
    timeZone: company.timeZone,
    currency: company.currency,
  };
}
