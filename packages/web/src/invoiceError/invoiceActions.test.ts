import "fake-indexeddb/auto";
import { invoiceRejection } from "@mostrador/domain";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import type { ServerTransport } from "../api/serverTransport";
import { TransportError } from "../api/transportErrors";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import type { ScheduledSync } from "../sync/syncScheduler";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import { resendInvoice, voidInvoiceOnServer } from "./invoiceActions";

const stores: DexieLocalStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function setup(voidInvoice: ServerTransport["voidInvoice"]) {
  const store = openTestStore();
  stores.push(store);
  await store.applyPullPage(demo.fullCatalogPage());
  await store.setMeta("device", demo.device);
  const saved = await store.saveNewInvoice(sampleDraft());
  const errors = [invoiceRejection("PRODUCT_INACTIVE", { name: "Café" })];
  await store.applyPushResults([{ outcome: "rejected", id: saved.id, revision: 1, errors }]);
  const invoice = (await store.getInvoice(saved.id))!;
  const transport = { voidInvoice: vi.fn(voidInvoice) } as unknown as ServerTransport;
  const syncEngine = { requestSync: vi.fn() } as unknown as ScheduledSync;
  return { store, invoice, transport, syncEngine, services: { store, transport, syncEngine } };
}

describe("voidInvoiceOnServer", () => {
  it("voids on the server with the device token, then marks the invoice voided here", async () => {
    const { store, invoice, transport, syncEngine, services } = await setup(async () => ({}) as never);
    const outcome = await voidInvoiceOnServer(services, invoice, "  Cliente desistió ", true);
    expect(outcome.ok).toBe(true);
    expect(transport.voidInvoice).toHaveBeenCalledWith("device-token", invoice.id, "Cliente desistió");
    expect(await store.getInvoice(invoice.id)).toMatchObject({ status: "voided", voidReason: "Cliente desistió" });
    expect(syncEngine.requestSync).toHaveBeenCalled();
  });

  it("needs a reason and a connection, and changes nothing without them", async () => {
    const { store, invoice, transport, services } = await setup(async () => ({}) as never);
    expect(await voidInvoiceOnServer(services, invoice, "   ", true)).toEqual({
      ok: false,
      problem: "reason_required",
    });
    expect(await voidInvoiceOnServer(services, invoice, "x", false)).toEqual({ ok: false, problem: "offline" });
    expect(transport.voidInvoice).not.toHaveBeenCalled();
    expect((await store.getInvoice(invoice.id))?.status).toBe("error");
  });

  it("a lost connection is 'offline'; a refusal is a failure; 'already voided' catches up", async () => {
    const network = await setup(async () => {
      throw new TransportError("network", "down");
    });
    expect(await voidInvoiceOnServer(network.services, network.invoice, "x", true)).toMatchObject({
      problem: "offline",
    });
    expect((await network.store.getInvoice(network.invoice.id))?.status).toBe("error");
    const refused = await setup(async () => {
      throw new TransportError("client", "forbidden", { status: 403 });
    });
    expect(await voidInvoiceOnServer(refused.services, refused.invoice, "x", true)).toMatchObject({
      problem: "failed",
      message: "forbidden",
    });
    const already = await setup(async () => {
      throw new TransportError("client", "already voided", { status: 409, code: "CONFLICT" });
    });
    expect((await voidInvoiceOnServer(already.services, already.invoice, "x", true)).ok).toBe(true);
    expect((await already.store.getInvoice(already.invoice.id))?.status).toBe("voided");
  });
});

describe("resendInvoice", () => {
  it("puts the invoice back in the upload queue and asks for a sync", async () => {
    const { store, invoice, syncEngine, services } = await setup(async () => ({}) as never);
    await resendInvoice(services, invoice);
    expect((await store.listInvoicesToPushPage(10)).documents.map((d) => d.id)).toEqual([invoice.id]);
    expect(syncEngine.requestSync).toHaveBeenCalled();
  });
});

describe("FetchServerTransport invoice calls", () => {
  it("voids with the reason and reads the detail", async () => {
    const id = demo.fixtureId(7);
    const seen: { url: string; method?: string; body?: unknown }[] = [];
    const transport = new FetchServerTransport({
      baseUrl: "http://server",
      fetch: async (url, init) => {
        seen.push({ url: String(url), method: init?.method, body: init?.body });
        // Answers as the contract (domain response schemas) says they are.
        const summary = {
          id,
          revision: 1,
          number: 5,
          prefix: "POS",
          numberingId: demo.posNumbering.id,
          terminalId: demo.fixtureId(8),
          deviceId: demo.fixtureId(9),
          cashierId: demo.fixtureId(10),
          clientId: demo.fixtureId(11),
          total: 1000,
          issuedAt: "2026-11-30T10:00:00.000Z",
          receivedAt: "2026-11-30T10:00:01.000Z",
          errors: [],
          version: 3,
        };
        const amounts = {
          subtotal: 1000,
          discount: 0,
          tax: 0,
          paid: 1000,
          change: 0,
          voidReason: null,
          document: null,
        };
        const body = String(url).endsWith("/void")
          ? { ...summary, status: "voided" }
          : { ...summary, ...amounts, status: "rejected", attempts: [], revisions: [] };
        return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    expect((await transport.voidInvoice("t", id, "duplicada")).status).toBe("voided");
    expect((await transport.getInvoiceDetail("t", id)).attempts).toEqual([]);
    expect(seen).toEqual([
      { url: `http://server/api/invoices/${id}/void`, method: "POST", body: JSON.stringify({ reason: "duplicada" }) },
      { url: `http://server/api/invoices/${id}`, method: "GET", body: undefined },
    ]);
  });
});
