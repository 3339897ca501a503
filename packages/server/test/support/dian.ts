import { nitCheckDigit } from "@mostrador/domain";
import { expect } from "vitest";
import { buildInvoice, type InvoiceOverrides } from "../../src/testing/invoiceFactory";
import { leaseBlock, registerDevice, type Shop, schemaHeader } from "./company";

/** The habilitación numbering the DIAN gives every test set (prefix SETP, 990000000 onwards). */
export const testSetNumbering = {
  name: "DEE POS habilitación",
  prefix: "SETP",
  rangeFrom: 990_000_000,
  rangeTo: 995_000_000,
  validFrom: "2019-01-19",
  validUntil: "2030-01-19",
  electronic: true,
  kind: "dee_pos",
  dianAuthorization: "18760000001",
  resolution: "Autorización DIAN 18760000001 (set de pruebas)",
};

export const testDianSettings = {
  softwareId: "56f2ae4e-9812-4fad-9255-08fcfcd5ccb0",
  softwarePin: "12345",
  testSetId: "1b9e5a3c-4f6d-4e8b-9a2c-3d4e5f6a7b8c",
  environment: "2",
};

/**
 * A company set up for habilitación: its DIAN settings, a DEE POS numbering and a terminal on it,
 * with a cashier's till registered there (electronic: the server numbers its invoices).
 */
export async function openDeePosTill(
  shop: Shop,
  options: { configure?: boolean; contingencyNumberingId?: string } = {},
) {
  const { demo, http, admin } = shop;
  if (options.configure !== false) {
    const settings = await http.patch("/api/company", { dian: testDianSettings }, { token: admin });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  }
  const numbering = await http.post(
    "/api/numberings",
    { ...testSetNumbering, contingencyNumberingId: options.contingencyNumberingId ?? null },
    { token: admin },
  );
  expect(numbering.status, JSON.stringify(numbering.body)).toBe(201);
  const terminal = await http.post(
    "/api/terminals",
    {
      name: "Caja DEE POS",
      numberingId: numbering.body.id,
      warehouseId: demo.warehouseId,
      paymentMethodIds: [demo.paymentMethods.cash, demo.paymentMethods.debit],
      requiresShift: false,
    },
    { token: admin },
  );
  expect(terminal.status, JSON.stringify(terminal.body)).toBe(201);
  const terminalId = terminal.body.id as string;
  const numberingId = numbering.body.id as string;
  const { deviceId, deviceToken } = await registerDevice(http, shop.cashier, terminalId);
  const origin = () => ({ deviceId, terminalId, cashierId: demo.cashierId, numberingId, prefix: "SETP", number: null });
  return {
    deviceId,
    token: deviceToken,
    terminalId,
    numberingId,
    invoice: (overrides: InvoiceOverrides = {}) => buildInvoice(demo, origin(), overrides),
    push: (invoices: unknown[]) =>
      http.post("/api/sync/push", { invoices }, { token: deviceToken, headers: schemaHeader }),
  };
}

/**
 * Points a shop at a DIAN service (the stub's URL) with a NIT of its own (the CUDE carries it: two shops never
 * share a CUDE) and a signing certificate; SendBillSync unless `testSet` keeps the habilitación's test set.
 */
export async function sendToDian(
  shop: Shop,
  options: { serviceUrl: string; nitBase: string; pkcs12Base64: string; password: string; testSet?: boolean },
) {
  const { http, admin } = shop;
  const nit = `${options.nitBase}-${nitCheckDigit(options.nitBase)}`;
  const dian = { serviceUrl: options.serviceUrl, ...(options.testSet ? {} : { testSetId: null }) };
  const settings = await http.patch("/api/company", { nit, dian }, { token: admin });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  const { pkcs12Base64, password } = options;
  const cert = await http.put("/api/company/dian-certificate", { pkcs12Base64, password }, { token: admin });
  expect(cert.status, JSON.stringify(cert.body)).toBe(200);
}

/** The contingency numbering the DIAN authorizes beside the DEE POS one (issue 19: tickets sold offline). */
export const contingencyNumbering = {
  name: "Contingencia POS",
  prefix: "CONT",
  rangeFrom: 1,
  rangeTo: 100_000,
  validFrom: "2019-01-19",
  validUntil: "2030-01-19",
  electronic: false,
  kind: "contingency",
  dianAuthorization: "18760000002",
  resolution: "Autorización DIAN 18760000002 (contingencia)",
};

/**
 * openDeePosTill whose DEE POS numbering names a contingency numbering, with a block of it leased
 * to the till: `ticket()` is a contingency ticket sold offline (numbered from the block).
 */
export async function openContingencyTill(shop: Shop) {
  const { http, admin } = shop;
  const contingency = await http.post("/api/numberings", contingencyNumbering, { token: admin });
  expect(contingency.status, JSON.stringify(contingency.body)).toBe(201);
  const contingencyNumberingId = contingency.body.id as string;
  const till = await openDeePosTill(shop, { contingencyNumberingId });
  const block = await leaseBlock(http, till.token, contingencyNumberingId, 10);
  let next = block.rangeFrom;
  return {
    ...till,
    contingencyNumberingId,
    block,
    ticket: (overrides: InvoiceOverrides = {}) =>
      buildInvoice(
        shop.demo,
        {
          deviceId: till.deviceId,
          terminalId: till.terminalId,
          cashierId: shop.demo.cashierId,
          numberingId: contingencyNumberingId,
          prefix: "CONT",
          number: next++,
        },
        overrides,
      ),
  };
}
