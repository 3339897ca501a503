import type { InvoiceDocument } from "@mostrador/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DianStub, startDianStub } from "../src/features/electronicDocument/dianStub/dianStubServer";
import { makeTestPkcs12 } from "../src/features/electronicDocument/testCertificate";
import { newShop, openTill, pushOk, type Till } from "./support/company";
import { openDeePosTill, sendToDian } from "./support/dian";
import { holdRowLocks, sessionsWaitingOnLocks } from "./support/lockWaits";
import { pushDocs, withCreditNotes } from "./support/returns";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

// Two writers waiting on locks at once need real connections: PGlite runs one statement at a time.
const databaseUrl = process.env.TEST_DATABASE_URL;

/**
 * A DEE POS ticket's verdict and a return of that ticket, at the same moment. The return takes the invoice's
 * row, its device's counter, then the ticket's electronic document (its adjustment note names the ticket's CUDE).
 * The sender's verdict took the document's row, then the counter and the invoice's row (to let the till learn
 * it): the opposite order, and PostgreSQL broke the circle by failing one of them (session 28's review).
 * The seller's device counter is held until both wait on a lock, then let go.
 */
describe.skipIf(!databaseUrl)("a DIAN verdict and a return of its ticket on PostgreSQL", () => {
  const server = useTestServer({ secretKey: Buffer.alloc(32, 7) });
  let stub: DianStub;
  let p12: string;
  beforeAll(async () => {
    stub = await startDianStub();
    p12 = Buffer.from(makeTestPkcs12("orden")).toString("base64");
  });
  afterAll(() => stub.close());

  it("both go through: the return is accepted and the ticket's acceptance recorded", async () => {
    const shop = await newShop(server);
    const deePos = await openDeePosTill(shop);
    const nitBase = String(600_000_000 + process.pid * 10);
    await sendToDian(shop, { serviceUrl: stub.url, nitBase, pkcs12Base64: p12, password: "orden" });
    const sale = deePos.invoice();
    const [result] = await pushOk(deePos as unknown as Till, [sale]);
    const invoice = { ...sale, number: result?.invoice?.number } as InvoiceDocument;
    // The return is made at another till (its push's own activity then never waits on the seller's counter).
    const returning = await withCreditNotes(shop, await openTill(shop));
    const note = returning.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);

    const held = await holdRowLocks(server.db, "SELECT 1 FROM devices WHERE company_id = $1 AND id = $2 FOR UPDATE", [
      shop.demo.companyId,
      deePos.deviceId,
    ]);
    // The verdict first, up to the seller's counter; then the return, up to what the verdict holds or the counter.
    const sent = server.app.electronicDocuments.runNow(shop.demo.companyId);
    let returned: ReturnType<typeof pushDocs> | undefined;
    try {
      await sessionsWaitingOnLocks(server.db, 1);
      returned = pushDocs(shop, returning, { creditNotes: [note] });
      await sessionsWaitingOnLocks(server.db, 2);
    } finally {
      await held.release();
    }
    expect((await (returned as ReturnType<typeof pushDocs>)).creditNoteResults.map((r) => r.outcome)).toEqual([
      "accepted",
    ]);
    expect(await sent).toMatchObject({ accepted: 1 });
    const [ticket] = await server.db.query<{ state: string }>(
      "SELECT state FROM electronic_documents WHERE company_id = $1 AND document_id = $2",
      [shop.demo.companyId, sale.id],
    );
    expect(ticket?.state).toBe("accepted");
  });
});
