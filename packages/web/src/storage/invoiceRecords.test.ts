import { invoiceDocumentSchema } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import {
  applyServerInvoiceState,
  localInvoiceFromDocument,
  localStatusOf,
  tillElectronicDocumentOf,
} from "./invoiceRecords";

const now = "2026-11-30T15:00:00.000Z";

function record(number: number | null) {
  const { receipt, ...input } = sampleDraft();
  const document = invoiceDocumentSchema.parse({ ...input, revision: 1, prefix: "FE", number });
  return localInvoiceFromDocument(document, { status: "pending", clientName: receipt.clientName, receipt }, now);
}

describe("invoice records", () => {
  it("copies the listed columns from the document, whatever the fields say", () => {
    const invoice = record(7);
    expect(invoice).toMatchObject({
      status: "pending",
      number: 7,
      prefix: "FE",
      total: invoice.document.totals.total,
      clientId: demo.walkInClient.id,
      serverRevision: 0,
      serverVersion: null,
      errors: [],
      createdAt: now,
      updatedAt: now,
    });
  });

  it("maps the server's status to the till's, one way everywhere", () => {
    expect(["accepted", "rejected", "voided", "something new"].map(localStatusOf)).toEqual([
      "synced",
      "error",
      "voided",
      "synced",
    ]);
  });

  it("keeps the till's number, takes the server's when it had none, and keeps errors only for an error", () => {
    const errors = [{ code: "TOTALS_MISMATCH" as const, message: "totals", messageEs: "totales" }];
    const accepted = applyServerInvoiceState(
      record(null),
      { status: "accepted", revision: 1, version: 9, number: 41, errors },
      now,
    );
    expect(accepted).toMatchObject({ status: "synced", number: 41, errors: [], serverRevision: 1, serverVersion: 9 });
    expect(accepted.document.number).toBe(41);
    const own = applyServerInvoiceState(
      record(7),
      { status: "accepted", revision: 1, version: 9, number: 41, errors },
      now,
    );
    expect(own.number).toBe(7);
    const rejected = applyServerInvoiceState(
      own,
      { status: "rejected", revision: 1, version: null, number: null, errors },
      now,
    );
    expect(rejected).toMatchObject({ status: "error", number: 7, errors, serverVersion: 9 });
  });
});

describe("the electronic document the server tells the till about (issue 19)", () => {
  const cude = "a".repeat(96);

  it("is read from an answer without the zod chunk; anything malformed is ignored", () => {
    expect(tillElectronicDocumentOf({ state: "generated", cude, qrText: "NumFac: SETP1", contingency: true })).toEqual({
      state: "generated",
      cude,
      qrText: "NumFac: SETP1",
      contingency: true,
    });
    expect(tillElectronicDocumentOf({ state: "accepted", cude: 5 })).toEqual({
      state: "accepted",
      cude: null,
      qrText: null,
      contingency: false,
    });
    for (const bad of [undefined, null, "generated", { state: "lost" }, { cude }])
      expect(tillElectronicDocumentOf(bad)).toBeUndefined();
  });

  it("is kept on the invoice, and replaced by a newer state (pending → accepted)", () => {
    const state = { status: "accepted", revision: 1, version: 3, number: 7, errors: [] };
    const generated = { state: "generated" as const, cude, qrText: "q", contingency: false };
    const first = applyServerInvoiceState(record(7), { ...state, electronicDocument: generated }, now);
    expect(first.electronicDocument).toEqual(generated);
    // A row without it (an older server) keeps what the till knows.
    expect(applyServerInvoiceState(first, state, now).electronicDocument).toEqual(generated);
    const accepted = applyServerInvoiceState(
      first,
      { ...state, electronicDocument: { ...generated, state: "accepted" } },
      now,
    );
    expect(accepted.electronicDocument?.state).toBe("accepted");
  });
});
