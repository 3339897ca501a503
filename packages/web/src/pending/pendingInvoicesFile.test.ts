import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import { buildPendingInvoicesFile, PendingFileError, parsePendingInvoicesFile } from "./pendingInvoicesFile";

describe("pending invoices file", () => {
  it("round-trips the exported invoices into another device's store", async () => {
    const source = openTestStore();
    await source.applyPullPage(demo.fullCatalogPage());
    await source.saveNewInvoice(sampleDraft());
    const file = buildPendingInvoicesFile(await source.listUnsyncedInvoices(), {
      companyId: demo.company.id,
      deviceId: demo.device.deviceId,
      terminalId: demo.caja1.id,
    });
    const parsed = parsePendingInvoicesFile(JSON.stringify(file));
    const target = openTestStore();
    expect(await target.importInvoices(parsed.invoices)).toEqual({ imported: 1, alreadyPresent: 0, invalid: 0 });
    source.close();
    target.close();
  });

  it("refuses files that are not an export", () => {
    expect(() => parsePendingInvoicesFile("{")).toThrow(PendingFileError);
    expect(() => parsePendingInvoicesFile('{"format":"other","invoices":[]}')).toThrow(PendingFileError);
    expect(() =>
      parsePendingInvoicesFile('{"format":"mostrador.pending-invoices","version":99,"invoices":[]}'),
    ).toThrow(/newer/);
  });
});
