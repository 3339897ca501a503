import { describe, expect, it } from "vitest";
import { decodeCsvBytes, exportFileName, readCsvFile } from "./csvFileText";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeCsvBytes", () => {
  it("UTF-8 with a BOM (Excel's 'CSV UTF-8'): the BOM is dropped, accents kept", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Nombre;Categoría\nPan;Panadería\n")]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "Nombre;Categoría\nPan;Panadería\n", encoding: "utf-8" });
  });

  it("UTF-8 without a BOM", () => {
    expect(decodeCsvBytes(utf8("Ñame;Café 🙂"))).toEqual({ text: "Ñame;Café 🙂", encoding: "utf-8" });
  });

  it("Windows-1252 (Excel's plain 'CSV' on Windows): single-byte accents, ñ and € decode right", () => {
    // "Categoría;Ñame;€’" in Windows-1252: í = 0xED, Ñ = 0xD1, € = 0x80, ’ = 0x92.
    const bytes = new Uint8Array([...utf8("Categor"), 0xed, ...utf8("a;"), 0xd1, ...utf8("ame;"), 0x80, 0x92]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "Categoría;Ñame;€’", encoding: "windows-1252" });
  });

  it("UTF-16 with a BOM (Excel's 'Unicode text')", () => {
    const text = "Nombre\tPrecio\nCafé\t1500";
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    expect(decodeCsvBytes(le)).toEqual({ text, encoding: "utf-16le" });
  });

  it("reads a picked file", async () => {
    const file = new Blob([new Uint8Array([0x50, 0x61, 0xf1, 0x6f])]); // "Paño" in Windows-1252
    expect(await readCsvFile(file)).toEqual({ text: "Paño", encoding: "windows-1252" });
  });
});

describe("exportFileName", () => {
  it("names the file by entity and local day", () => {
    expect(exportFileName("products", new Date(2026, 11, 1, 23, 59))).toBe("productos-2026-12-01.csv");
    expect(exportFileName("clients", new Date(2026, 0, 9))).toBe("clientes-2026-01-09.csv");
  });
});
