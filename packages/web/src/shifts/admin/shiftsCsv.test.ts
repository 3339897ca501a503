import type { ShiftListItem } from "@mostrador/domain";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvAmount, csvDateTime, type ShiftCsvHeaders, shiftsCsv } from "./shiftsCsv";

const headers: ShiftCsvHeaders = {
  terminal: "Caja",
  openedBy: "Abrió",
  closedBy: "Cerró",
  openedAt: "Apertura",
  closedAt: "Cierre",
  status: "Estado",
  openingFloat: "Base inicial",
  serverExpected: "Esperado (servidor)",
  tillExpected: "Esperado (caja)",
  counted: "Contado",
  difference: "Diferencia",
  invoices: "Facturas",
  id: "Id",
};

function shift(over: Partial<ShiftListItem>): ShiftListItem {
  return {
    id: "0190a000-0000-7000-8000-000000000001",
    revision: 3,
    status: "closed",
    terminalId: "t1",
    deviceId: "d1",
    openedBy: "u1",
    openedAt: "2026-03-01T13:05:00.000Z",
    openingFloat: 10_000_000,
    closedAt: "2026-03-01T23:30:00.000Z",
    closedBy: "u2",
    tillExpectedCash: 25_000_000,
    countedCash: 24_500_000,
    receivedAt: "2026-03-01T23:31:00.000Z",
    version: 7,
    serverExpectedCash: 25_000_000,
    serverDifference: -500_000,
    tillDifference: -500_000,
    invoiceCount: 12,
    ...over,
  };
}

const names = {
  terminalName: (id: string) => ({ t1: "Caja 1", t2: '=HYPERLINK("x")' })[id] ?? id,
  userName: (id: string | null) => (id === null ? "" : ({ u1: "Ana Pérez", u2: "Luis; Gómez" }[id] ?? id)),
  statusLabel: (s: ShiftListItem["status"]) => (s === "open" ? "Abierto" : "Cerrado"),
};

describe("the Turnos CSV", () => {
  it("amounts as a spreadsheet reads them: pesos, comma decimals, minus for a Faltante, empty for none", () => {
    expect(csvAmount(10_000_000)).toBe("100000");
    expect(csvAmount(1_250_050)).toBe("12500,50");
    expect(csvAmount(-500_000)).toBe("-5000");
    expect(csvAmount(-5)).toBe("-0,05");
    expect(csvAmount(null)).toBe("");
  });

  it("times in the shop's time zone", () => {
    expect(csvDateTime("2026-03-01T13:05:00.000Z", "America/Bogota")).toBe("2026-03-01 08:05");
    expect(csvDateTime("2026-03-02T04:30:00.000Z", "America/Bogota")).toBe("2026-03-01 23:30");
    expect(csvDateTime(null, "America/Bogota")).toBe("");
  });

  it("a BOM, ';' between fields, names for ids, an open shift's empty cells, formulas escaped, quotes where needed", () => {
    const csv = shiftsCsv(
      [
        shift({}),
        shift({
          id: "0190a000-0000-7000-8000-000000000002",
          status: "open",
          terminalId: "t2",
          closedAt: null,
          closedBy: null,
          tillExpectedCash: null,
          countedCash: null,
          serverDifference: null,
          tillDifference: null,
          serverExpectedCash: 10_000_000,
          invoiceCount: 0,
        }),
      ],
      headers,
      names,
      "America/Bogota",
    );
    expect(csv.startsWith("\uFEFFCaja;Abrió;Cerró;Apertura;")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      'Caja 1;Ana Pérez;"Luis; Gómez";2026-03-01 08:05;2026-03-01 18:30;Cerrado;100000;250000;250000;245000;-5000;12;0190a000-0000-7000-8000-000000000001',
    );
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { delimiter: ";" }).data;
    expect(parsed[2]).toEqual([
      '\'=HYPERLINK("x")',
      "Ana Pérez",
      "",
      "2026-03-01 08:05",
      "",
      "Abierto",
      "100000",
      "100000",
      "",
      "",
      "",
      "0",
      "0190a000-0000-7000-8000-000000000002",
    ]);
    const dashed = shiftsCsv([shift({ openedBy: "u3" })], headers, { ...names, userName: () => "-1+1" }, "UTC");
    expect(dashed).toContain(';"\'-1+1";"\'-1+1";');
  });
});
