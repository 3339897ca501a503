import { describe, expect, it, vi } from "vitest";
import { productCsvRow, productRows, productsCsv } from "../src/testing/catalogCsvFactory";
import { countRows, newShop, openTill, type Shop } from "./support/company";
import { expectApiError, type Json } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/** Rows and the change counter: an import that writes nothing leaves all three alone. */
async function snapshot(shop: Shop) {
  const { companyId } = shop.demo;
  const counter = await server.db.query<{ version: number }>(
    "SELECT version FROM change_counters WHERE company_id = $1",
    [companyId],
  );
  return {
    products: await countRows(server, "products", companyId),
    clients: await countRows(server, "clients", companyId),
    version: counter[0]?.version,
  };
}

const importCsv = (shop: Shop, entity: "products" | "clients", csv: string, commit: boolean, token = shop.admin) =>
  shop.http.post(`/api/${entity}/import`, { csv, commit }, { token });

const errorLines = (report: Json) => report.errors.map((e: Json) => [e.line, e.field, e.code]);

describe("POST /api/products/import", () => {
  it("a preview maps the headers, shows the first rows and counts, and writes nothing", async () => {
    const shop = await newShop(server);
    const before = await snapshot(shop);
    const csv = `${productsCsv(productRows(8))}`.replace("Controla inventario", "Controla inventario;Color favorito");
    const res = await importCsv(shop, "products", csv, false);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns).toEqual([
      { header: "Nombre", field: "name" },
      { header: "Referencia", field: "reference" },
      { header: "Código de barras", field: "barcode" },
      { header: "Categoría", field: "category" },
      { header: "Precio", field: "price" },
      { header: "Impuesto", field: "tax" },
      { header: "Controla inventario", field: "trackStock" },
      { header: "Color favorito", field: null },
    ]);
    expect(res.body).toMatchObject({ rows: 8, creates: 8, updates: 0, unchanged: 0, errors: [], committed: false });
    expect(res.body.preview).toHaveLength(5);
    expect(res.body.preview[0]).toMatchObject({ Nombre: "Producto importado 1", Precio: "12500" });
    expect(await snapshot(shop)).toEqual(before);
  });

  it("1,000 rows with 3 bad ones: the errors by line, nothing written, a commit refused; the fixed file commits 1,000 and reaches the till", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    let cursor = 0;
    for (let more = true; more; ) {
      const page = (await till.pull(`cursor=${cursor}&limit=2000`)).body;
      cursor = page.cursor;
      more = page.hasMore;
    }
    const before = await snapshot(shop);
    const rows = productRows(1000);
    const bad = rows.map((r) => ({ ...r }));
    Object.assign(bad[99] as object, { price: "doce mil" }); // line 101
    Object.assign(bad[499] as object, { category: "Juguetería" }); // line 501
    Object.assign(bad[899] as object, { barcode: (bad[9] as { barcode: string }).barcode }); // line 901 repeats line 11
    const preview = await importCsv(shop, "products", productsCsv(bad), false);
    expect(preview.status).toBe(200);
    expect(errorLines(preview.body)).toEqual([
      [101, "price", "INVALID_VALUE"],
      [501, "category", "UNKNOWN_REFERENCE"],
      [901, "barcode", "DUPLICATE_IN_FILE"],
    ]);
    expect(preview.body.errors[2].message).toContain("line 11");
    expect(preview.body).toMatchObject({ rows: 1000, creates: 997, errorCount: 3, committed: false });
    expect(await snapshot(shop)).toEqual(before);

    const refused = await importCsv(shop, "products", productsCsv(bad), true);
    expectApiError(refused, 400, "IMPORT_INVALID");
    expect(errorLines(refused.body.error.details)).toEqual(errorLines(preview.body));
    expect(await snapshot(shop)).toEqual(before);

    const done = await importCsv(shop, "products", productsCsv(rows), true);
    expect(done.status, JSON.stringify(done.body).slice(0, 500)).toBe(200);
    expect(done.body).toMatchObject({ rows: 1000, creates: 1000, updates: 0, errors: [], committed: true });
    const after = await snapshot(shop);
    expect(after.products).toBe(before.products + 1000);
    expect(after.version).toBe((before.version ?? 0) + 1000);

    const three = (await shop.http.get("/api/products?q=IMP-3&limit=20", { token: shop.admin })).body.items.find(
      (p: Json) => p.reference === "IMP-3",
    );
    expect(three).toMatchObject({
      barcode: "7790000000003",
      price: 780000,
      priceIncludesTax: true,
      taxId: shop.demo.taxes.IVA5,
      trackStock: false,
    });
    const two = (await shop.http.get("/api/products?q=IMP-2&limit=20", { token: shop.admin })).body.items.find(
      (p: Json) => p.reference === "IMP-2",
    );
    expect(two).toMatchObject({ price: 399050, taxId: shop.demo.taxes.EXENTO, trackStock: true });

    // The tills get every imported product through the incremental pull.
    const pulled = new Set<string>();
    for (let more = true; more; ) {
      const page = (await till.pull(`cursor=${cursor}&limit=2000`)).body;
      for (const c of page.changes) if (c.entity === "products") pulled.add(c.data.reference);
      cursor = page.cursor;
      more = page.hasMore;
    }
    expect(pulled.size).toBe(1000);
  });

  it("the owner may import only the valid rows: 997 of 1,000 created, the 3 bad lines left out; a file problem still refuses all", async () => {
    const shop = await newShop(server);
    const before = await snapshot(shop);
    const bad = productRows(1000);
    Object.assign(bad[99] as object, { price: "doce mil" }); // line 101
    Object.assign(bad[499] as object, { category: "Juguetería" }); // line 501
    Object.assign(bad[899] as object, { barcode: (bad[9] as { barcode: string }).barcode }); // line 901
    const res = await shop.http.post(
      "/api/products/import",
      { csv: productsCsv(bad), commit: true, skipInvalid: true },
      { token: shop.admin },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ creates: 997, errorCount: 3, invalidRows: 3, committed: true });
    expect((await snapshot(shop)).products).toBe(before.products + 997);
    for (const line of [101, 501, 901]) {
      const name = (bad[line - 2] as { name: string }).name;
      const found = await shop.http.get(`/api/products?q=${encodeURIComponent(name)}`, { token: shop.admin });
      expect(
        found.body.items.filter((p: Json) => p.name === name),
        `line ${line}`,
      ).toHaveLength(0);
    }
    // A missing required column is a file problem: nothing is written even when skipping invalid rows.
    const noPrice = productsCsv(productRows(3)).replace(/^([^\n]*)/, (header) =>
      header.replace("Precio", "Precio viejo"),
    );
    const refused = await shop.http.post(
      "/api/products/import",
      { csv: noPrice, commit: true, skipInvalid: true },
      { token: shop.admin },
    );
    expectApiError(refused, 400, "IMPORT_INVALID");
    expect((await snapshot(shop)).products).toBe(before.products + 997);
  });

  it("rows whose reference (or barcode) is stored update those products; equal rows count as unchanged", async () => {
    const shop = await newShop(server);
    await importCsv(shop, "products", productsCsv(productRows(3)), true);
    const rows = productRows(3);
    Object.assign(rows[0] as object, { price: "2000", name: "Producto renombrado" });
    Object.assign(rows[1] as object, { reference: "" }); // found by its barcode, reference cleared
    const before = await snapshot(shop);
    const res = await importCsv(shop, "products", productsCsv([...rows, productCsvRow(4)]), true);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ creates: 1, updates: 2, unchanged: 1, committed: true });
    expect((await snapshot(shop)).products).toBe(before.products + 1);
    const renamed = await shop.http.get(`/api/products?q=${encodeURIComponent("Producto renombrado")}`, {
      token: shop.admin,
    });
    expect(renamed.body.items).toHaveLength(1);
    expect(renamed.body.items[0]).toMatchObject({ reference: "IMP-1", price: 200000 });
    // The audit trail: each changed product has an "import" entry with what changed, by the admin.
    const trail = await shop.http.get(`/api/audit-log?entity=products&recordId=${renamed.body.items[0].id}`, {
      token: shop.admin,
    });
    expect(trail.body.items[0]).toMatchObject({
      action: "import",
      userId: shop.demo.adminId,
      changes: { name: { to: "Producto renombrado" }, price: { to: 200000 } },
    });
    expect(Object.keys(trail.body.items[0].changes).sort()).toEqual(["name", "price"]);
    expect(trail.body.items.map((e: Json) => e.action)).toEqual(["import", "import"]); // created, then changed
  });

  it("a barcode of another stored product and a reference twice in the file are errors with their lines", async () => {
    const shop = await newShop(server);
    const demoProduct = (await shop.http.get(`/api/products/${shop.demo.productIds[0]}`, { token: shop.admin })).body;
    const rows = productRows(3);
    Object.assign(rows[0] as object, { barcode: demoProduct.barcode });
    Object.assign(rows[2] as object, { reference: "IMP-2" });
    const res = await importCsv(shop, "products", productsCsv(rows), false);
    expect(errorLines(res.body)).toEqual([
      [2, "barcode", "DUPLICATE_IN_DATABASE"],
      [4, "reference", "DUPLICATE_IN_FILE"],
    ]);
  });

  it("price with or without tax by column, a tax by name, a UTF-8 BOM and `,` separated lines", async () => {
    const shop = await newShop(server);
    const csv =
      '\uFEFFname,SKU,Price without tax,Tax,Active\r\n"Queso, campesino",Q-1,"10,000",INC 8%,yes\r\nPan,P-1,1500.5,IVA 19%,no\r\n';
    const res = await importCsv(shop, "products", csv, true);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns.map((c: Json) => c.field)).toEqual([
      "name",
      "reference",
      "priceWithoutTax",
      "tax",
      "active",
    ]);
    const list = (await shop.http.get("/api/products?q=-1", { token: shop.admin })).body.items;
    expect(list.find((p: Json) => p.reference === "Q-1")).toMatchObject({
      name: "Queso, campesino",
      price: 1_000_000,
      priceIncludesTax: false,
      taxId: shop.demo.taxes.INC8,
    });
    expect(list.find((p: Json) => p.reference === "P-1")).toMatchObject({ price: 150050, active: false });
  });

  it("an export imports back with 0 creates and 0 updates, with either delimiter", async () => {
    const shop = await newShop(server);
    const rows = productRows(4);
    Object.assign(rows[0] as object, { name: "=SUM(A1) no es fórmula", barcode: "" });
    Object.assign(rows[1] as object, { reference: "", barcode: "" }); // known by name only
    await importCsv(shop, "products", productsCsv(rows), true);
    for (const delimiter of ["semicolon", "comma"]) {
      const exported = await shop.http.get(`/api/products/export?delimiter=${delimiter}`, { token: shop.admin });
      expect(exported.status).toBe(200);
      expect(exported.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(exported.headers["content-disposition"]).toMatch(/^attachment; filename="productos-.*\.csv"$/);
      const csv = exported.body as string;
      expect(csv.startsWith("\uFEFFNombre")).toBe(true);
      expect(csv).toContain("'=SUM(A1) no es fórmula");
      const before = await snapshot(shop);
      const again = await importCsv(shop, "products", csv, true);
      expect(again.status, JSON.stringify(again.body).slice(0, 800)).toBe(200);
      expect(again.body).toMatchObject({ creates: 0, updates: 0, errors: [], committed: true });
      expect(again.body.unchanged).toBe(before.products);
      expect(await snapshot(shop)).toEqual(before);
    }
  });
});

describe("POST /api/clients/import", () => {
  it("creates and updates by document type and number; a document type by its name; a document twice is reported by line", async () => {
    const shop = await newShop(server);
    const csv = [
      "Tipo de documento;Número de documento;Nombre;Correo;Teléfono",
      "CC;1098765432;Ana Gómez;ana@example.com;3001234567",
      "Cédula de ciudadanía;1098765432;Ana Otra;;",
      "Pasaporte;AB12345;John Smith;john@example;",
      "TI;99887766;Luisa Pérez;;",
    ].join("\n");
    const preview = await importCsv(shop, "clients", csv, false);
    expect(errorLines(preview.body)).toEqual([
      [3, "idNumber", "DUPLICATE_IN_FILE"],
      [4, "email", "INVALID_VALUE"],
    ]);
    const fixed = csv
      .replace("Cédula de ciudadanía;1098765432", "CE;556677")
      .replace("john@example", "john@example.com");
    const done = await importCsv(shop, "clients", fixed, true);
    expect(done.body).toMatchObject({ creates: 4, updates: 0, committed: true });
    const renamed = await importCsv(shop, "clients", "tipo id,documento,nombre\nCE,556677,Ana Otra Vez\n", true);
    expect(renamed.body).toMatchObject({ creates: 0, updates: 1 });
    const exported = await shop.http.get("/api/clients/export", { token: shop.admin });
    expect(exported.body).toContain("CE;556677;Ana Otra Vez");
    const before = await snapshot(shop);
    const again = await importCsv(shop, "clients", exported.body, true);
    expect(again.body).toMatchObject({ creates: 0, updates: 0, unchanged: before.clients, committed: true });
    expect(await snapshot(shop)).toEqual(before);
  });
});

describe("bad input changes nothing", () => {
  it("missing required columns are reported on line 1 and a commit is refused", async () => {
    const shop = await newShop(server);
    const before = await snapshot(shop);
    const csv = "Nombre;Referencia\nPan;P-1\n";
    const preview = await importCsv(shop, "products", csv, false);
    expect(errorLines(preview.body)).toEqual([
      [1, "price", "MISSING_COLUMN"],
      [1, "tax", "MISSING_COLUMN"],
    ]);
    expectApiError(await importCsv(shop, "products", csv, true), 400, "IMPORT_INVALID");
    const clients = await importCsv(shop, "clients", "Nombre\nAna\n", true);
    expectApiError(clients, 400, "IMPORT_INVALID");
    expect(await snapshot(shop)).toEqual(before);
  });

  it("not a CSV, an empty file, a header without rows, a wrong body", async () => {
    const shop = await newShop(server);
    const before = await snapshot(shop);
    expectApiError(
      await importCsv(shop, "products", "\u0000\u0001PK\u0003\u0004binary", true),
      400,
      "VALIDATION_FAILED",
    );
    expectApiError(await importCsv(shop, "products", "\uFEFF  \r\n", false), 400, "VALIDATION_FAILED");
    const noRows = await importCsv(shop, "products", "Nombre;Precio;Impuesto\r\n", false);
    expect(errorLines(noRows.body)).toEqual([[1, null, "NO_ROWS"]]);
    const unterminated = await importCsv(
      shop,
      "products",
      'Nombre;Precio;Impuesto\nPan;1000;IVA 19\n"Queso;2000;IVA 19\n',
      false,
    );
    expect(unterminated.body.errors[0]).toMatchObject({ line: 3, code: "INVALID_VALUE" });
    expectApiError(
      await shop.http.post("/api/products/import", { csv: "a" }, { token: shop.admin }),
      400,
      "VALIDATION_FAILED",
    );
    expectApiError(
      await shop.http.post("/api/products/import", { csv: "a", commit: true, extra: 1 }, { token: shop.admin }),
      400,
      "VALIDATION_FAILED",
    );
    expectApiError(
      await shop.http.get("/api/products/export?delimiter=tab", { token: shop.admin }),
      400,
      "VALIDATION_FAILED",
    );
    expect(await snapshot(shop)).toEqual(before);
  });

  it("over 16 MB → 413; a cashier → 403; no token → 401", async () => {
    const shop = await newShop(server);
    const before = await snapshot(shop);
    const huge = productsCsv(productRows(1)) + "x".repeat(21 * 1024 * 1024);
    expectApiError(await importCsv(shop, "products", huge, false), 413, "PAYLOAD_TOO_LARGE");
    const justOver = `Nombre;Precio;Impuesto\n${"y".repeat(16 * 1024 * 1024)}`;
    expectApiError(await importCsv(shop, "products", justOver, false), 400, "VALIDATION_FAILED");
    const csv = productsCsv(productRows(2));
    expectApiError(await importCsv(shop, "products", csv, true, shop.cashier), 403, "FORBIDDEN");
    expectApiError(await importCsv(shop, "clients", "Nombre\nAna\n", true, shop.cashier), 403, "FORBIDDEN");
    expectApiError(await shop.http.get("/api/products/export", { token: shop.cashier }), 403, "FORBIDDEN");
    expectApiError(await shop.http.post("/api/products/import", { csv, commit: true }), 401, "UNAUTHENTICATED");
    expect(await snapshot(shop)).toEqual(before);
  });
});
