import {
  computeInvoiceTotals,
  type InvoiceDocument,
  type ShiftDocument,
  shiftDocumentSchema,
  uuidv7,
  zReport,
} from "@mostrador/domain";
import { expect } from "vitest";
import { cashPayment, demoLine } from "../../src/testing/invoiceFactory";
import type { TestServer } from "../../src/testing/testServer";
import { type Shop, schemaHeader, type Till } from "./company";
import type { Json } from "./http";

/** Shifts as the till makes them, for the shift suites. */
export const at = (minutes: number) => new Date(Date.now() - 3 * 3600_000 + minutes * 60_000).toISOString();

/** A shift opened on this till by the shop's cashier with a base of $ 100.000. */
export function openShift(shop: Shop, till: Till, openingFloat = 10_000_000): ShiftDocument {
  return shiftDocumentSchema.parse({
    id: uuidv7(),
    revision: 1,
    terminalId: till.terminalId,
    deviceId: till.deviceId,
    openedBy: shop.demo.cashierId,
    openedAt: at(0),
    openingFloat,
    note: "Turno de la mañana",
    status: "open",
  });
}

export function withMovement(
  shop: Shop,
  s: ShiftDocument,
  kind: "in" | "out",
  amount: number,
  reason: string,
): ShiftDocument {
  return {
    ...s,
    revision: s.revision + 1,
    movements: [...s.movements, { id: uuidv7(), kind, amount, reason, at: at(10), by: shop.demo.cashierId }],
  };
}

/** Closes as the till does: expected from the invoices it holds, the count as given. */
export function closed(shop: Shop, s: ShiftDocument, invoices: InvoiceDocument[], countedCash: number): ShiftDocument {
  const expected = zReport(
    s,
    invoices.map((invoice) => ({ invoice })),
  ).expected;
  const counted = expected.map((e) => (e.kind === "cash" ? { kind: e.kind, amount: countedCash } : e));
  return {
    ...s,
    revision: s.revision + 1,
    status: "closed",
    closing: { closedAt: at(60), closedBy: shop.demo.cashierId, counted, expected },
  };
}

export async function pushShiftsTo(server: TestServer, till: Till, shifts: unknown[], invoices: unknown[] = []) {
  const res = await server.app.inject({
    method: "POST",
    url: "/api/sync/push",
    headers: { authorization: `Bearer ${till.token}`, "content-type": "application/json", ...schemaHeader },
    payload: JSON.stringify({ invoices, shifts }),
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = JSON.parse(res.body);
  expect(body.shiftResults).toHaveLength(shifts.length);
  return body as { results: Json[]; shiftResults: Json[] };
}

/** A cash sale of the shift paid with more than the total (so change is given). */
export function cashSale(shop: Shop, till: Till, shiftId: string, overpay = 0): InvoiceDocument {
  const lines = [demoLine(shop.demo, 0, 2), demoLine(shop.demo, 8, 1)];
  const total = computeInvoiceTotals(lines).total;
  return till.invoice({ lines, payments: [cashPayment(shop.demo, total + overpay)], shiftId });
}

export function cardSale(shop: Shop, till: Till, shiftId: string): InvoiceDocument {
  const lines = [demoLine(shop.demo, 3, 1)];
  const total = computeInvoiceTotals(lines).total;
  return till.invoice({
    lines,
    payments: [{ paymentMethodId: shop.demo.paymentMethods.debit, kind: "debit_card", amount: total }],
    shiftId,
  });
}

export async function shiftDetail(shop: Shop, id: string) {
  const res = await shop.http.get(`/api/shifts/${id}`, { token: shop.admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
