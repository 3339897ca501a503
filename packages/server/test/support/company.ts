import { SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import { expect } from "vitest";
import type { AuthContext } from "../../src/auth/authTokens";
import type { DemoCompany } from "../../src/demo/demoCompanySeeder";
import { buildInvoice, type InvoiceOverrides } from "../../src/testing/invoiceFactory";
import type { TestServer } from "../../src/testing/testServer";
import { type HttpClient, httpClient, type Json } from "./http";

export const schemaHeader = { [SCHEMA_VERSION_HEADER]: String(SYNC_SCHEMA_VERSION) };

export async function login(http: HttpClient, email: string, password: string): Promise<string> {
  const res = await http.post("/api/auth/login", { email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token as string;
}

export interface Shop {
  demo: DemoCompany;
  http: HttpClient;
  admin: string;
  cashier: string;
}

/** A fresh demo company with an admin and a cashier signed in. */
export async function newShop(server: TestServer): Promise<Shop> {
  const http = httpClient(server);
  const demo = await server.newCompany();
  const [admin, cashier] = await Promise.all([
    login(http, demo.adminEmail, demo.password),
    login(http, demo.cashierEmail, demo.password),
  ]);
  return { demo, http, admin, cashier };
}

export async function registerDevice(http: HttpClient, token: string, terminalId: string) {
  const res = await http.post("/api/devices/register", { terminalId, name: "Navegador de prueba" }, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { deviceId: res.body.device.id as string, deviceToken: res.body.deviceToken as string };
}

export async function leaseBlock(http: HttpClient, deviceToken: string, numberingId: string, size?: number) {
  const res = await http.post("/api/number-blocks/lease", size ? { numberingId, size } : { numberingId }, {
    token: deviceToken,
    headers: schemaHeader,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; rangeFrom: number; rangeTo: number; deviceId: string; numberingId: string };
}

export type Terminal = "caja1" | "caja2" | "caja3";

/** A registered till: device token, leased block, and invoices numbered from its block. */
export async function openTill(
  shop: Shop,
  options: { terminal?: Terminal; as?: "cashier" | "admin"; lease?: number } = {},
) {
  const { demo, http } = shop;
  const terminal = options.terminal ?? "caja1";
  const terminalId = demo.terminals[terminal];
  const electronic = terminal === "caja3";
  const numberingId = electronic ? demo.numberings.electronic : demo.numberings.pos;
  const as = options.as ?? "cashier";
  const userToken = as === "admin" ? shop.admin : shop.cashier;
  const { deviceId, deviceToken } = await registerDevice(http, userToken, terminalId);
  const block = electronic ? null : await leaseBlock(http, deviceToken, numberingId, options.lease ?? 50);
  let next = block?.rangeFrom ?? 0;
  const origin = () => ({
    deviceId,
    terminalId,
    cashierId: as === "admin" ? demo.adminId : demo.cashierId,
    numberingId,
    prefix: electronic ? "FE" : "POS",
    number: electronic ? null : next++,
  });
  return {
    deviceId,
    token: deviceToken,
    terminalId,
    numberingId,
    block,
    /** A valid invoice with this till's next number. */
    invoice: (overrides: InvoiceOverrides = {}) => buildInvoice(demo, origin(), overrides),
    push: (invoices: unknown[], headers: Record<string, string> = schemaHeader) =>
      http.post("/api/sync/push", { invoices }, { token: deviceToken, headers }),
    pull: (query: string, headers: Record<string, string> = schemaHeader) =>
      http.get(`/api/sync/pull?${query}`, { token: deviceToken, headers }),
  };
}

export type Till = Awaited<ReturnType<typeof openTill>>;

/** A fresh company and a cashier's till on Caja 1: what most invoice tests start from. */
export async function shopWithTill(server: TestServer): Promise<{ shop: Shop; till: Till }> {
  const shop = await newShop(server);
  return { shop, till: await openTill(shop) };
}

/** Pushes invoices and returns the per-invoice results (the request itself must be 200). */
export async function pushOk(till: Till, invoices: unknown[]): Promise<Json[]> {
  const res = await till.push(invoices);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.results).toHaveLength(invoices.length);
  return res.body.results;
}

/** Rows in a company's table, read straight from the database. */
export async function countRows(server: TestServer, table: string, companyId: string): Promise<number> {
  const rows = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1`, [
    companyId,
  ]);
  return rows[0]?.n ?? 0;
}

/** Who the till's device token identifies: for calling a command (the acceptor, a writer) straight, as its push would. */
export function tillAuth(shop: Shop, till: Till): AuthContext {
  return {
    companyId: shop.demo.companyId,
    userId: shop.demo.cashierId,
    role: "cashier",
    terminalIds: [till.terminalId],
    deviceId: till.deviceId,
    deviceTerminalId: till.terminalId,
  };
}
