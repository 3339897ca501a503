import type { Category, Company, Numbering, PaymentMethod, Tax, Terminal } from "@mostrador/domain";
import { useLiveQuery } from "dexie-react-hooks";
import { useAppServices } from "../services/appServices";
import type { DeviceIdentity, SessionInfo } from "../storage/localRecords";
import type { SaleContext } from "./invoiceDraft";

export interface SellingData {
  context: SaleContext;
  session: SessionInfo;
  terminal: Terminal;
  numbering: Numbering;
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
      const { terminal, numbering, paymentMethods, taxes, categories, priceList } = setup;
      return buildSellingData(
        session,
        device,
        theCompany,
        terminal,
        numbering,
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
    company,
    paymentMethods,
    taxesById: new Map(taxes.map((t) => [t.id, t])),
    categories: categories.filter((c) => c.active).sort((a, b) => a.name.localeCompare(b.name, "es")),
    priceOverrides: new Map(priceList?.active ? priceList.prices.map((p) => [p.productId, p.price]) : []),
  };
}
