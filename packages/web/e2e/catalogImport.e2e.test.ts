/**
 * Issue 11, CSV import against the real server process, with a till open in Chromium: a 1,000-row
 * file with 3 bad rows is previewed (errors by line, nothing written) and refused on commit; the
 * fixed file is imported, and the online till sells an imported product after one "Sincronizar";
 * the export imports back with nothing to change. Then the owner does it in "Productos": picks a
 * file in "Importar productos desde CSV", reads the errors by line, and imports the 997 valid rows.
 */

import { join } from "node:path";
import { productRows, productsCsv } from "@mostrador/server/testing/catalogCsvFactory";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const imagesDir = join(import.meta.dirname, "../../../docs/images");

interface Report {
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
  errors: { line: number; field: string | null; code: string }[];
  committed: boolean;
}

describe.skipIf(!runBrowserTests)("CSV import reaches the tills (issue 11)", () => {
  const suite = useE2eSuite({ adminToken: true });

  const api = async (method: "GET" | "POST", path: string, body?: unknown) => {
    const response = await fetch(`${suite.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${suite.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  };
  const productTotal = async () => (await api("GET", "/api/products?limit=1")).json().total as number;

  test("1,000 rows with 3 bad ones → errors by line, nothing written; fixed → 1,000 created and sold at an online till; export → 0 changes", async () => {
    const { context, page } = await suite.newPage();
    try {
      await till.openTill(page, suite.url, "Caja 1");
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      const before = await productTotal();

      const rows = productRows(1000);
      const bad = rows.map((r) => ({ ...r }));
      Object.assign(bad[9] as object, { tax: "IVA 99" }); // line 11
      Object.assign(bad[499] as object, { price: "" }); // line 501
      Object.assign(bad[999] as object, { reference: "IMP-1" }); // line 1001 repeats line 2
      const preview = await api("POST", "/api/products/import", {
        csv: productsCsv(bad, { bom: true }),
        commit: false,
      });
      expect(preview.status).toBe(200);
      const report = preview.json() as Report;
      expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
        [11, "tax", "UNKNOWN_REFERENCE"],
        [501, "price", "REQUIRED"],
        [1001, "reference", "DUPLICATE_IN_FILE"],
      ]);
      expect(report).toMatchObject({ rows: 1000, creates: 997, committed: false });
      expect(await productTotal()).toBe(before);
      const refused = await api("POST", "/api/products/import", { csv: productsCsv(bad), commit: true });
      expect(refused.status).toBe(400);
      expect(refused.json().error.code).toBe("IMPORT_INVALID");
      expect(await productTotal()).toBe(before);

      const done = await api("POST", "/api/products/import", { csv: productsCsv(rows, { bom: true }), commit: true });
      expect(done.json()).toMatchObject({ creates: 1000, updates: 0, errors: [], committed: true });
      expect(await productTotal()).toBe(before + 1000);

      // One sync brings the imported catalog to the till, which sells from it.
      await page.getByRole("button", { name: "Sincronizar" }).click();
      await till.productSearch(page).fill("Producto importado 777");
      await page
        .getByRole("button", { name: "Producto importado 777", exact: true })
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const sale = await till.sellAndPayCash(page, ["Producto importado 777"]);
      expect(sale.number).toMatch(/^POS-\d+$/);
      expect(sale.receiptText).toContain("Producto importado 777");

      const exported = await api("GET", "/api/products/export?delimiter=semicolon");
      expect(exported.status).toBe(200);
      const again = await api("POST", "/api/products/import", { csv: exported.text, commit: true });
      expect(again.json()).toMatchObject({ creates: 0, updates: 0, unchanged: before + 1000, committed: true });
    } finally {
      await context.close();
    }
  });

  test("in Productos: a 1,000-row file with 3 bad rows shows the errors by line and writes nothing; the owner imports the 997 valid rows", async () => {
    const { context, page } = await suite.newPage({ width: 1366, height: 1000 });
    try {
      await page.goto(suite.url);
      await till.logIn(page, demoLogins.admin);
      await page.getByRole("button", { name: "Importar productos desde CSV" }).click();
      const before = await productTotal();
      // Other references, barcodes and names than the first test's file (same server).
      const bad = productRows(1000, "PANT").map((r) => ({
        ...r,
        name: r.name.replace("importado", "de pantalla"),
        barcode: `55${r.barcode.slice(2)}`,
      }));
      Object.assign(bad[99] as object, { price: "doce mil" }); // line 101
      Object.assign(bad[499] as object, { category: "Juguetería" }); // line 501
      Object.assign(bad[899] as object, { barcode: (bad[9] as { barcode: string }).barcode }); // line 901
      await page.getByTestId("import-file").setInputFiles({
        name: "productos.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(productsCsv(bad, { bom: true }), "utf8"),
      });
      const errors = page.getByTestId("import-errors").getByRole("listitem");
      await errors.first().waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await errors.evaluateAll((items) => items.map((li) => li.getAttribute("data-line")))).toEqual([
        "101",
        "501",
        "901",
      ]);
      expect(await errors.first().textContent()).toContain("Línea 101");
      expect(await productTotal()).toBe(before); // nothing written by the preview
      await page.screenshot({ path: join(imagesDir, "backoffice-import.png") });

      await page.getByRole("button", { name: /Importar solo las 997 filas válidas/ }).click();
      await page
        .getByTestId("import-summary")
        .getByText(/997 nuevos/)
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await productTotal()).toBe(before + 997);
      // Closing the dialog refreshes the list, which now finds the imported products.
      await page.getByRole("button", { name: "Cerrar", exact: true }).click();
      await page.getByRole("searchbox").first().fill("de pantalla 777");
      await page.getByRole("link", { name: "Producto de pantalla 777" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });
});
