import type { ServerTransport } from "../../api/serverTransport";
import { addProduct, type Cart, cartTotals, emptyCart } from "../../sale/cart";
import { buildInvoiceDraft } from "../../sale/invoiceDraft";
import { initialPayments } from "../../sale/payment";
import { loadTerminalData, loadTerminals, registerThisDevice, signIn } from "../../session/sessionActions";
import { shiftClosingFigures } from "../../shifts/shiftFigures";
import type { DexieLocalStore } from "../../storage/dexieLocalStore";
import type { LocalCreditNote, LocalInvoice, LocalInvoiceVoid, LocalShift } from "../../storage/localRecords";
import type { NewInvoiceDraft } from "../../storage/localStore";
import { openTestStore } from "../../storage/testDatabase";
import { MinimalSyncEngine, type SyncEngine } from "../syncEngine";

export interface SimulatedTill {
  store: DexieLocalStore;
  engine: SyncEngine;
  deviceId: string;
  /** Rings up a sale of 1–4 random products paid in cash, exactly as the sale screen does. */
  sell(random: () => number): Promise<LocalInvoice>;
  /** The invoice draft "Facturar" would save for one of each of these products, paid in cash. */
  draft(productIds: readonly string[]): NewInvoiceDraft;
  /** "Abrir turno" on this till: later sales carry the shift's id. */
  openShift(openingFloat: number): Promise<LocalShift>;
  /** "Tomar turno": the terminal's shift of another device, as the last pull brought it. */
  takeOverShift(): Promise<LocalShift>;
  /** "Cerrar turno" with the cash counted; the expected amounts come from the Z report of the local invoices. */
  closeShift(countedCash: number): Promise<LocalShift>;
  /**
   * "Devolución" of one unit of a random line that still has something left, refunded in cash from
   * the open shift; null when nothing is left to return.
   */
  returnOne(invoiceId: string, random: () => number): Promise<LocalCreditNote | null>;
  /** "Anular" a synced invoice as this till's user (the admin may void any). */
  voidInvoice(invoiceId: string, role: "admin" | "cashier"): Promise<LocalInvoiceVoid>;
  /** Another tab of the same browser: same local database, its own engine. */
  openTab(transport: ServerTransport): SyncEngine;
}

/**
 * A till in Node: the app's own storage module (on fake-indexeddb), session actions, sale
 * code and sync engine, talking to the real server through `setupTransport` for sign-in and
 * `transport` (possibly faulty) afterwards.
 */
export async function startSimulatedTill(options: {
  setupTransport: ServerTransport;
  transport: ServerTransport;
  credentials: { email: string; password: string };
  terminalName: string;
}): Promise<SimulatedTill> {
  const store = openTestStore();
  const setupEngine = new MinimalSyncEngine({ store, transport: options.setupTransport });
  const services = { store, transport: options.setupTransport, syncEngine: setupEngine };
  const session = await signIn(services, options.credentials);
  const terminal = (await loadTerminals(services, session)).find((t) => t.name === options.terminalName);
  if (!terminal) throw new Error(`no terminal ${options.terminalName}`);
  const device = await registerThisDevice(services, session, terminal);
  await loadTerminalData(services, device, () => undefined);
  const engine = new MinimalSyncEngine({ store, transport: options.transport });

  const company = await store.getMeta("company");
  const numbering = await store.getNumbering(terminal.numberingId);
  const methods = (await store.listPaymentMethods()).filter((m) => terminal.paymentMethodIds.includes(m.id));
  const products = (await store.listProducts()).filter((p) => p.active);
  const taxes = new Map((await store.listTaxes()).map((t) => [t.id, t]));
  const walkIn = (await store.listClients()).find((c) => c.idNumber === "222222222222");
  if (!company || !numbering || !walkIn) throw new Error("the terminal's data did not load");

  let shiftId: string | null = null;
  const draftOf = (cart: Cart) =>
    buildInvoiceDraft({
      cart,
      payments: initialPayments(cartTotals(cart).total, methods),
      context: { company, terminal, numbering, device, cashier: session.user, paymentMethods: methods, shiftId },
      client: { id: walkIn.id, name: walkIn.name, idType: walkIn.idType, idNumber: walkIn.idNumber },
    });

  return {
    store,
    engine,
    deviceId: device.deviceId,
    async sell(random) {
      let cart = emptyCart;
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) {
        const product = products[Math.floor(random() * products.length)];
        const tax = product && taxes.get(product.taxId);
        if (product && tax) cart = addProduct(cart, product, tax, { quantity: 1 + Math.floor(random() * 3) });
      }
      return store.saveNewInvoice(draftOf(cart));
    },
    draft(productIds) {
      let cart = emptyCart;
      for (const id of productIds) {
        const product = products.find((p) => p.id === id);
        const tax = product && taxes.get(product.taxId);
        if (!product || !tax) throw new Error(`no active product ${id} on this till`);
        cart = addProduct(cart, product, tax, { quantity: 1 });
      }
      return draftOf(cart);
    },
    async openShift(openingFloat) {
      const shift = await store.openShift({
        terminalId: terminal.id,
        deviceId: device.deviceId,
        openedBy: session.user.id,
        openingFloat,
      });
      shiftId = shift.id;
      return shift;
    },
    async takeOverShift() {
      const terminalShift = await store.getMeta("terminalShift");
      if (!terminalShift) throw new Error("the last pull saw no open shift on this terminal");
      const shift = await store.takeOverShift({ terminalShift, deviceId: device.deviceId, by: session.user.id });
      shiftId = shift.id;
      return shift;
    },
    async closeShift(countedCash) {
      if (!shiftId) throw new Error("no open shift on this till");
      const shift = await store.getShift(shiftId);
      if (!shift) throw new Error("the open shift is gone");
      const figures = shiftClosingFigures(
        shift,
        await store.listShiftInvoices(shiftId),
        undefined,
        await store.returns.listShiftCreditNotes(shiftId),
      );
      const counted = figures.report.expected.map((e) => (e.kind === "cash" ? { ...e, amount: countedCash } : e));
      const closed = await store.closeShift(shiftId, {
        closedBy: session.user.id,
        counted,
        expected: figures.report.expected,
      });
      shiftId = null;
      return closed;
    },
    async returnOne(invoiceId, random) {
      const invoice = await store.getInvoice(invoiceId);
      if (!invoice) throw new Error(`no invoice ${invoiceId} here`);
      const returned = await store.returns.returnedQuantities(invoiceId);
      const open = invoice.document.lines
        .map((line, i) => ({ i, left: line.quantity - (returned[i] ?? 0) }))
        .filter((l) => l.left >= 1);
      const pick = open[Math.floor(random() * open.length)];
      if (!pick) return null;
      const cash = methods.find((m) => m.kind === "cash");
      if (!cash) throw new Error("no cash method on this terminal");
      return store.returns.saveCreditNote({
        invoiceId,
        picks: [{ invoiceLineIndex: pick.i, quantity: 1 }],
        refund: { paymentMethodId: cash.id, kind: "cash" },
        reason: "El cliente devolvió el producto",
        terminalId: terminal.id,
        deviceId: device.deviceId,
        cashierId: session.user.id,
        shiftId,
        receipt: null,
      });
    },
    voidInvoice(invoiceId, role) {
      return store.returns.voidInvoice({
        invoiceId,
        deviceId: device.deviceId,
        voidedBy: session.user.id,
        role,
        reason: "Registrada por error",
      });
    },
    openTab(transport) {
      return new MinimalSyncEngine({ store, transport });
    },
  };
}
