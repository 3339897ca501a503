import type { InvoiceDocument } from "@mostrador/domain";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { returnsWholeTicket } from "../src/features/electronicDocument/adjustmentNoteRecorder";
import { type DianStub, startDianStub } from "../src/features/electronicDocument/dianStub/dianStubServer";
import { validateAgainstSchema } from "../src/features/electronicDocument/schemaValidator";
import { makeTestPkcs12 } from "../src/features/electronicDocument/testCertificate";
import { lockInvoiceForVoid, markInvoiceVoided } from "../src/features/invoices/invoiceVoidWriter";
import { newShop, openTill, pushOk, type Shop, type Till } from "./support/company";
import { openDeePosTill, sendToDian } from "./support/dian";
import type { Json } from "./support/http";
import { codesOf, pushDocs, withCreditNotes } from "./support/returns";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
const CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const server = useTestServer({ secretKey: Buffer.alloc(32, 7) });
let stub: DianStub;
let p12: string;

beforeAll(async () => {
  stub = await startDianStub();
  p12 = Buffer.from(makeTestPkcs12("notas")).toString("base64");
});
afterAll(() => stub.close());

let nits = 0;

/** A shop sending to the stub DIAN, a DEE POS till that also returns ("NC" block), and one sale. */
async function soldOnDeePos() {
  const shop = await newShop(server);
  const deePos = await openDeePosTill(shop);
  const nitBase = String(700_000_000 + process.pid * 100 + ++nits);
  await sendToDian(shop, { serviceUrl: stub.url, nitBase, pkcs12Base64: p12, password: "notas" });
  const till = await withCreditNotes(shop, deePos as unknown as Till);
  const sale = deePos.invoice();
  const [result] = await pushOk(till, [sale]);
  expect(result, JSON.stringify(result)).toMatchObject({ outcome: "accepted" });
  const invoice = { ...sale, number: result?.invoice?.number ?? result?.number } as InvoiceDocument;
  expect(invoice.number).toBeGreaterThan(0);
  return { shop, till, invoice };
}

const rowsOf = (companyId: string) =>
  server.db.query(
    "SELECT kind, note_id, document_id, note_reason, state, problem, number, cude FROM electronic_documents WHERE company_id = $1 ORDER BY kind DESC, created_at",
    [companyId],
  );
const detail = async (shop: Shop, id: string) =>
  (await shop.http.get(`/api/electronic-documents/${id}`, { token: shop.admin })).body as Json;
const one = (xml: string, ns: string, name: string) =>
  new DOMParser().parseFromString(xml, "text/xml").getElementsByTagNameNS(ns, name)[0]?.textContent;

describe("adjustment notes of DEE POS tickets (returns and voids)", () => {
  it("a return adds a note (type 94, the ticket's CUDE), sent once after its ticket and accepted; a retried push adds none", async () => {
    const { shop, till, invoice } = await soldOnDeePos();
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    // Returned before the ticket was even sent: the note waits for its ticket's acceptance.
    const first = await pushDocs(shop, till, { creditNotes: [note] });
    expect(first.creditNoteResults[0]).toMatchObject({ outcome: "accepted", duplicate: false });
    const again = await pushDocs(shop, till, { creditNotes: [note] });
    expect(again.creditNoteResults[0]).toMatchObject({ outcome: "accepted", duplicate: true });
    const rows = await rowsOf(shop.demo.companyId);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ["dee_pos", "generated"],
      ["adjustment_note", "generated"],
    ]);
    const [ticket, noteRow] = rows as [Json, Json];
    expect(noteRow).toMatchObject({
      note_id: note.id,
      document_id: note.id,
      note_reason: "return",
      number: `NC${note.number}`,
    });

    const report = await server.app.electronicDocuments.runNow(shop.demo.companyId);
    expect(report).toEqual({ accepted: 2, rejected: 0, waiting: 0 });
    const sent = stub.requests.filter((r) => r.trackId === ticket.cude || r.trackId === noteRow.cude);
    expect(sent.map((r) => [r.trackId === ticket.cude ? "ticket" : "note", r.operation, r.answer])).toEqual([
      ["ticket", "SendBillSync", "accepted"],
      ["note", "SendBillSync", "accepted"],
    ]);

    const shown = await detail(shop, note.id);
    expect(shown).toMatchObject({
      kind: "adjustment_note",
      documentId: note.id,
      noteId: note.id,
      noteReason: "return",
      invoiceId: invoice.id,
      number: `NC${note.number}`,
      referencesNumber: ticket.number,
      referencesCude: ticket.cude,
      state: "accepted",
      attempts: 1,
    });
    const xml = String(shown.signedXml);
    expect(one(xml, CBC, "CreditNoteTypeCode")).toBe("94");
    expect(one(xml, CBC, "ResponseCode")).toBe("1");
    const reference = new DOMParser()
      .parseFromString(xml, "text/xml")
      .getElementsByTagNameNS(CAC, "InvoiceDocumentReference")[0] as unknown as Element;
    expect(reference.getElementsByTagNameNS(CBC, "ID")[0]?.textContent).toBe(ticket.number);
    expect(reference.getElementsByTagNameNS(CBC, "UUID")[0]?.textContent).toBe(ticket.cude);
    expect(one(xml, CBC, "PayableAmount")).toBe((note.totals.total / 100).toFixed(2));
    expect((await validateAgainstSchema(xml, "UBL-CreditNote-2.1.xsd")).errors).toEqual([]);

    // The ticket keeps its address (its invoice's id); the list and the CSV say what each row is.
    expect(await detail(shop, invoice.id)).toMatchObject({ kind: "dee_pos", noteId: null, documentId: invoice.id });
    const list = await shop.http.get("/api/electronic-documents", { token: shop.admin });
    expect(list.body.items.map((i: Json) => [i.kind, i.referencesNumber])).toEqual(
      expect.arrayContaining([
        ["dee_pos", null],
        ["adjustment_note", ticket.number],
      ]),
    );
    const csv = await shop.http.get("/api/electronic-documents.csv", { token: shop.admin });
    expect(String(csv.body)).toContain(`Nota de ajuste;Devolución;${ticket.number};${ticket.cude}`);
    // Accepted: never again, and nothing else is due.
    expect(await server.app.electronicDocuments.runNow(shop.demo.companyId)).toEqual({
      accepted: 0,
      rejected: 0,
      waiting: 0,
    });
  }, 60_000);

  it("a return of a ticket the DIAN rejected: its note is not generated; the ticket's resend builds both again, then both are accepted", async () => {
    const { shop, till, invoice } = await soldOnDeePos();
    stub.plan({ rejected: ["Regla: FAD06, Rechazo: El valor del CUDE no está calculado correctamente."] });
    expect(await server.app.electronicDocuments.runNow(shop.demo.companyId)).toMatchObject({ rejected: 1 });
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 1, quantity: 1 }]);
    await pushDocs(shop, till, { creditNotes: [note] });
    expect(await detail(shop, note.id)).toMatchObject({
      kind: "adjustment_note",
      state: "not_generated",
      problem: "the ticket's electronic document is rejected: resend the ticket, then this note",
    });
    await shop.http.patch("/api/company", { address: "Calle 10 # 5-51, Cali" }, { token: shop.admin });
    const resent = await shop.http.post(`/api/electronic-documents/${invoice.id}/resend`, {}, { token: shop.admin });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    const rebuilt = await detail(shop, note.id);
    expect(rebuilt).toMatchObject({ state: "generated", problem: null, referencesCude: resent.body.cude });
    expect(rebuilt.xml).toContain(resent.body.cude);
    expect(rebuilt.xml).toContain("Calle 10 # 5-51");
    expect(await server.app.electronicDocuments.runNow(shop.demo.companyId)).toEqual({
      accepted: 2,
      rejected: 0,
      waiting: 0,
    });
  }, 60_000);

  it("a void of a DEE POS ticket is refused (INVOICE_ELECTRONIC); the void writer, if reached, records a not generated note", async () => {
    const { shop, till, invoice } = await soldOnDeePos();
    const voided = await pushDocs(shop, till, { voids: [till.voidOf(invoice, shop.demo.cashierId)] });
    expect(codesOf(voided.voidResults[0] as Json)).toEqual(["INVOICE_ELECTRONIC"]);
    expect((await rowsOf(shop.demo.companyId)).map((r) => r.kind)).toEqual(["dee_pos"]);

    const voidId = "01900000-0000-7000-8000-0000000000aa";
    await server.db.transaction(async (tx) => {
      const locked = await lockInvoiceForVoid(tx, shop.demo.companyId, invoice.id);
      await markInvoiceVoided(tx, shop.demo.companyId, locked?.row as Json, {
        reason: "prueba",
        by: shop.demo.adminId,
        at: new Date().toISOString(),
        voidId,
        claimsNumber: true,
      });
    });
    const rows = await rowsOf(shop.demo.companyId);
    expect(rows[1]).toMatchObject({
      kind: "adjustment_note",
      note_id: voidId,
      note_reason: "void",
      state: "not_generated",
    });
    expect(String(rows[1]?.problem)).toContain("a void has no note number");
    const resend = await shop.http.post(`/api/electronic-documents/${voidId}/resend`, {}, { token: shop.admin });
    expect(resend.status).toBe(409);
  }, 60_000);

  it("a return of every unit of every line at once is the ticket's anulación (ResponseCode 2); a partial one is not", async () => {
    expect(
      returnsWholeTicket(
        [{ quantity: 2 }, { quantity: 1.5 }],
        [
          { invoiceLineIndex: 0, quantity: 2 },
          { invoiceLineIndex: 1, quantity: 1.5 },
        ],
      ),
    ).toBe(true);
    expect(returnsWholeTicket([{ quantity: 2 }, { quantity: 1 }], [{ invoiceLineIndex: 0, quantity: 2 }])).toBe(false);
    expect(returnsWholeTicket([{ quantity: 2 }], [{ invoiceLineIndex: 0, quantity: 1 }])).toBe(false);

    const { shop, till, invoice } = await soldOnDeePos();
    const whole = till.creditNote(
      invoice,
      invoice.lines.map((line, i) => ({ invoiceLineIndex: i, quantity: line.quantity })),
    );
    const { creditNoteResults } = await pushDocs(shop, till, { creditNotes: [whole] });
    expect(creditNoteResults[0]).toMatchObject({ outcome: "accepted" });
    const rows = await server.db.query<{ xml: string }>(
      "SELECT xml FROM electronic_documents WHERE company_id = $1 AND note_id = $2",
      [shop.demo.companyId, whole.id],
    );
    expect(one(String(rows[0]?.xml), CBC, "ResponseCode")).toBe("2");
    expect(one(String(rows[0]?.xml), CBC, "Description")).toMatch(/^Anulación \(devolución total\)/);
  }, 30_000);

  it("a return of a non-electronic (POS) invoice adds no note", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop));
    const invoice = till.invoice();
    expect((await pushOk(till, [invoice]))[0].outcome).toBe("accepted");
    const { creditNoteResults } = await pushDocs(shop, till, {
      creditNotes: [till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }])],
    });
    expect(creditNoteResults[0]).toMatchObject({ outcome: "accepted" });
    expect(await rowsOf(shop.demo.companyId)).toEqual([]);
  }, 30_000);
});
