import type { Category, Company, Numbering, PaymentMethod, Tax, Terminal } from "@mostrador/domain";
import { useLiveQuery } from "dexie-react-hooks";
import { useAppServices } from "../services/appServices";
import type { DeviceIdentity, SessionInfo } from "../storage/localRecords";
import { contingencyNumberingFor } from "./contingencySale";
import type { SaleContext } from "./invoiceDraft";

export interface SellingData {
  context: SaleContext;
  session: SessionInfo;
  terminal: Terminal;
  numbering: Numbering;
  /** Offline on a DEE POS terminal: the contingency numbering its tickets take (issue 19), else null. */
  contingencyNumbering: Numbering | null;
  company: Company;
  /** The terminal's methods, in the terminal's order. */
  paymentMethods: PaymentMethod[];
  taxesById: Map<string, Tax>;
  categories: Category[];
  /** Price-list overrides for this terminal (product id → price). */
  priceOverrides: Map<string, number>;
}

/** Everything the selling screen needs about the till, live from the local database. */
export function useSellingData(): SellingData | null {
  const { store } = useAppServices();
  return useLiveQuery(
    async () => {
      const [session, device, company] = await Promise.all([
        store.getMeta("session"),
        store.getMeta("device"),
        store.getMeta("company"),
      ]);
      if (!session || !device) return null;
      const setup = await store.getTerminalSetup(device.terminalId);
      const theCompany = company ?? session.company;
      if (!setup?.numbering || !theCompany) return null;
      const { terminal, numbering, contingencyNumbering, paymentMethods, taxes, categories, priceList } = setup;
      return buildSellingData(
        session,
        device,
        theCompany,
        terminal,
        numbering,
        contingencyNumberingFor(numbering, terminal, contingencyNumbering),
        paymentMethods,
        taxes,
        categories,
        priceList,
      );
    },
    [store],
    null,
  );
}

function buildSellingData(
  session: SessionInfo,
  device: DeviceIdentity,
  company: Company,
  terminal: Terminal,
  numbering: Numbering,
  contingencyNumbering: Numbering | null,
  paymentMethods: PaymentMethod[],
  taxes: Tax[],
  categories: Category[],
  priceList: { active: boolean; prices: { productId: string; price: number }[] } | undefined,
): SellingData {
  return {
    context: { company, terminal, numbering, device, cashier: session.user, paymentMethods },
    session,
    terminal,
    numbering,
    contingencyNumbering,
    company,
    paymentMethods,
    taxesById: new Map(taxes.map((t) => [t.id, t])),
    categories: categories.filter((c) => c.active).sort((a, b) => a.name.localeCompare(b.name, "es")),
    priceOverrides: new Map(priceList?.active ? priceList.prices.map((p) => [p.productId, p.price]) : []),
  };
}
