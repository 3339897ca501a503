/**
 * A DEE POS till against the stub DIAN (issue 19), shared by the e2e files of the electronic POS
 * document: the company's DIAN settings and certificate, a contingency numbering, a DEE POS
 * numbering naming it, and the till.
 */

export const DEE_POS_TERMINAL = "Caja DEE POS";

/** A row of GET /api/electronic-documents as these tests read it. */
export interface ListedDocument {
  number: string;
  state: string;
  contingency: boolean;
  cude: string | null;
  deadlineAt: string | null;
  outageEndedAt: string | null;
  sentAt: string | null;
  acceptedAt: string | null;
}

export async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * The company set up for habilitación: DIAN settings sending to the stub (no test set id: SendBillSync),
 * its certificate, a contingency numbering, a DEE POS numbering naming it, a till.
 */
export async function setUpDeePosTill(
  url: string,
  token: string,
  dian: { serviceUrl: string; pkcs12Base64: string },
  options: { requiresShift?: boolean; creditNotes?: boolean } = {},
) {
  await call(url, token, "PATCH", "/api/company", {
    dian: {
      softwareId: "56f2ae4e-9812-4fad-9255-08fcfcd5ccb0",
      softwarePin: "12345",
      environment: "2",
      serviceUrl: dian.serviceUrl,
      testSetId: null,
    },
  });
  await call(url, token, "PUT", "/api/company/dian-certificate", {
    pkcs12Base64: dian.pkcs12Base64,
    password: "firma",
  });
  const contingency = await call<{ id: string }>(url, token, "POST", "/api/numberings", {
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
    blockSize: 20,
  });
  const deePos = await call<{ id: string }>(url, token, "POST", "/api/numberings", {
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
    contingencyNumberingId: contingency.id,
  });
  const { items } = await call<{
    items: { name: string; warehouseId: string; paymentMethodIds: string[]; creditNoteNumberingId: string | null }[];
  }>(url, token, "GET", "/api/terminals?limit=100");
  const caja1 = items.find((t) => t.name === "Caja 1");
  if (!caja1) throw new Error("no Caja 1 in the demo company");
  await call(url, token, "POST", "/api/terminals", {
    name: DEE_POS_TERMINAL,
    numberingId: deePos.id,
    warehouseId: caja1.warehouseId,
    paymentMethodIds: caja1.paymentMethodIds,
    requiresShift: options.requiresShift ?? false,
    // Returns and annulments number their notes from Caja 1's credit-note numbering.
    ...(options.creditNotes ? { creditNoteNumberingId: caja1.creditNoteNumberingId } : {}),
  });
  return { contingencyId: contingency.id };
}
