import { describe, expect, it } from "vitest";
import { exportHeaders, fieldOfHeader, normalizeHeader } from "./csvColumns";
import { readCsvTable } from "./csvTable";

describe("header mapping", () => {
  it("ignores case, accents, punctuation and spacing", () => {
    expect(normalizeHeader("  Código de  Barras ")).toBe("codigo de barras");
    expect(normalizeHeader("E-mail")).toBe("e mail");
    expect(fieldOfHeader("products", "CÓDIGO DE BARRAS")).toBe("barcode");
    expect(fieldOfHeader("products", "Categoria")).toBe("category");
    expect(fieldOfHeader("products", "Precio con IVA")).toBe("priceWithTax");
    expect(fieldOfHeader("products", "Price (excl. tax)")).toBe("priceWithoutTax");
    expect(fieldOfHeader("products", "Tax")).toBe("tax");
    expect(fieldOfHeader("products", "Stock tracked")).toBe("trackStock");
    expect(fieldOfHeader("clients", "Número de identificación")).toBe("idNumber");
    expect(fieldOfHeader("clients", "Razón social")).toBe("name");
    expect(fieldOfHeader("clients", "E-mail")).toBe("email");
  });

  it("unknown headers map to nothing; one name means different things per file", () => {
    expect(fieldOfHeader("products", "Color favorito")).toBeNull();
    expect(fieldOfHeader("clients", "Precio")).toBeNull();
    expect(fieldOfHeader("products", "Nombre")).toBe("name");
    expect(fieldOfHeader("clients", "Nombre")).toBe("name");
  });

  it("every header the export writes maps back to its own field", () => {
    for (const entity of ["products", "clients"] as const)
      for (const [field, header] of exportHeaders[entity]) expect(fieldOfHeader(entity, header)).toBe(field);
  });
});

describe("readCsvTable", () => {
  it("detects the delimiter from the header, strips a BOM, keeps spreadsheet line numbers across blank lines", () => {
    const table = readCsvTable(
      "products",
      '\uFEFFNombre;Precio;Impuesto\r\nPan;1.500,50;IVA 19\r\n\r\n"Queso; fresco";2000;Exento\r\n',
    );
    expect(table.fileErrors).toEqual([]);
    expect(table.records).toEqual([
      { line: 2, cells: { name: "Pan", price: "1.500,50", tax: "IVA 19" } },
      { line: 4, cells: { name: "Queso; fresco", price: "2000", tax: "Exento" } },
    ]);
    expect(table.preview[1]).toEqual({ Nombre: "Queso; fresco", Precio: "2000", Impuesto: "Exento" });
  });

  it("a column twice, two price columns and missing columns are file errors on line 1", () => {
    const table = readCsvTable("products", "Nombre,Name,Precio,Precio sin IVA\nPan,Pan,1,1\n");
    expect(table.fileErrors.map((e) => [e.line, e.code, e.field])).toEqual([
      [1, "DUPLICATE_COLUMN", "name"],
      [1, "DUPLICATE_COLUMN", "priceWithoutTax"],
      [1, "MISSING_COLUMN", "tax"],
    ]);
  });

  it("a line with more cells than the header is an error of that line", () => {
    const table = readCsvTable("clients", "Tipo,Documento,Nombre\nCC,123,Ana,extra\nCC,456,Luis\n");
    expect(table.lineErrors).toEqual([
      expect.objectContaining({ line: 2, code: "INVALID_VALUE", message: expect.stringContaining("4 cells") }),
    ]);
    expect(table.records.map((r) => r.line)).toEqual([2, 3]);
  });
});
