import {
  CONTINGENCY_DEADLINE_HOURS,
  computeLineTotals,
  type DianEnvironment,
  hasAmountDiscount,
  type InvoiceDocument,
  summarizePayments,
  type TaxRegime,
} from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import type { SecretBox } from "../dianCertificate/secretBox";
import { openSoftwarePin, SoftwarePinUnreadable } from "../dianCertificate/softwarePinSeal";
import type { DeePosDocument } from "./deePosDocument";
import { buildDeePosInvoice } from "./deePosInvoiceXml";

type Row = Record<string, unknown>;

/** The software's manufacturer as the POS extension names it: this installation's software. */
export const MOSTRADOR_MANUFACTURER = {
  name: "Mostrador",
  companyName: "Mostrador",
  softwareName: "Mostrador POS",
} as const;

/**
 * What a DEE POS document needs of the company, the software PIN opened from its seal; null + the
 * reason when its DIAN settings are incomplete or the PIN cannot be opened with this server's key.
 */
export function dianSettingsOf(
  company: Row,
  secrets: SecretBox,
): {
  settings: Pick<DeePosDocument, "environment" | "software"> | null;
  problem: string;
} {
  let pin: string | null;
  try {
    pin = openSoftwarePin(company, secrets);
  } catch (error) {
    if (error instanceof SoftwarePinUnreadable) return { settings: null, problem: error.message };
    throw error;
  }
  const missing = [
    [company.dian_software_id, "softwareId"],
    [pin, "softwarePin"],
  ].filter(([value]) => !value);
  if (missing.length > 0)
    return { settings: null, problem: `DIAN settings incomplete: ${missing.map(([, f]) => f).join(", ")}` };
  return {
    settings: {
      environment: String(company.dian_environment) as DianEnvironment,
      software: {
        id: String(company.dian_software_id),
        pin: String(pin),
        providerNit: String(company.dian_software_provider_nit ?? company.nit),
      },
    },
    problem: "",
  };
}

async function byId(tx: Queryable, sql: string, companyId: string, ids: string[]): Promise<Map<string, Row>> {
  const rows = await tx.query(sql, [companyId, [...new Set(ids)]]);
  return new Map(rows.map((r) => [String(r.id), r]));
}

/** The plain data of one invoice's DEE POS document (no I/O: everything was loaded before). */
export function deePosDocumentOf(
  doc: InvoiceDocument & { number: number },
  context: {
    company: Row;
    numbering: Row;
    terminal: Row | undefined;
    cashier: Row | undefined;
    client: Row | undefined;
  },
  products: Map<string, Row>,
  settings: Pick<DeePosDocument, "environment" | "software">,
): DeePosDocument {
  const { company, numbering, terminal, cashier, client } = context;
  const buyer = doc.newClient && doc.newClient.id === doc.clientId ? doc.newClient : null;
  const summary = summarizePayments(doc.totals.total, doc.payments);
  // Change comes back from cash: what each kind of payment finally paid.
  let change = summary.ok ? summary.change : 0;
  const payments = doc.payments.map((p) => {
    const back = p.kind === "cash" ? Math.min(change, p.amount) : 0;
    change -= back;
    return { kind: p.kind, amount: p.amount - back };
  });
  return {
    ...settings,
    manufacturer: MOSTRADOR_MANUFACTURER,
    issuer: {
      nit: String(company.nit),
      name: String(company.name),
      address: String(company.address ?? ""),
      phone: String(company.phone ?? ""),
      taxRegime: String(company.tax_regime) as TaxRegime,
    },
    authorization: {
      number: String(numbering.dian_authorization),
      validFrom: String(numbering.valid_from),
      validUntil: String(numbering.valid_until),
      prefix: String(numbering.prefix),
      from: Number(numbering.range_from),
      to: Number(numbering.range_to),
    },
    number: `${String(numbering.prefix)}${doc.number}`,
    saleId: doc.id,
    issuedAt: doc.issuedAt,
    timeZone: String(company.time_zone),
    currency: String(company.currency),
    buyer: {
      idType: String(buyer?.idType ?? client?.id_type ?? "CC"),
      idNumber: String(buyer?.idNumber ?? client?.id_number ?? "222222222222"),
      name: String(buyer?.name ?? client?.name ?? "Consumidor final"),
      email: (buyer?.email ?? (client?.email as string | null | undefined)) || null,
    },
    lines: doc.lines.map((line) => {
      const t = computeLineTotals(line);
      const product = products.get(line.productId);
      const code = String(product?.reference || product?.barcode || line.productId);
      return {
        description: line.description,
        code,
        quantity: line.quantity,
        subtotal: t.subtotal,
        discount: t.discount,
        // A fixed or spread discount: the allowance's factor is the share of the line it took.
        discountPercent: hasAmountDiscount(line)
          ? t.subtotal > 0
            ? Math.round((t.discount * 10_000) / t.subtotal) / 100
            : 0
          : line.discountPercent,
        taxBase: t.taxBase,
        tax: t.tax,
        taxKind: line.taxKind,
        taxRateBp: line.taxRateBp,
      };
    }),
    taxes: doc.totals.taxes.map((t) => ({ kind: t.kind, rateBp: t.rateBp, base: t.base, amount: t.amount })),
    totals: {
      subtotal: doc.totals.subtotal,
      discount: doc.totals.discount,
      tax: doc.totals.tax,
      total: doc.totals.total,
    },
    payments,
    register: {
      plate: String(terminal?.name ?? doc.terminalId),
      location: String(company.address || company.name),
      cashier: String(cashier?.name ?? doc.cashierId),
      type: "POS",
    },
    notes: doc.notes,
  };
}

/**
 * The end of the outage a contingency ticket belongs to: the first successful sync of its till after
 * the ticket. An earlier request of the same sync (a push goes in batches) already recorded it on the
 * till's contingency tickets it delivered after this one was issued; otherwise it is this request.
 * Its 48 hours (domain contingencyDeadline) count from there, one episode for all its tickets.
 */
const CONTINGENCY_OUTAGE_END = `COALESCE((
  SELECT min(e.outage_ended_at) FROM electronic_documents e
    JOIN invoices i ON i.company_id = e.company_id AND i.id = e.invoice_id
   WHERE e.company_id = $1 AND e.contingency AND i.device_id = x."deviceId" AND e.outage_ended_at >= x."issuedAt"),
  now())`;

/** The DEE POS and contingency numberings among these, by id (what recordElectronicDocuments needs of them). */
export function electronicNumberingsOf(tx: Queryable, companyId: string, numberingIds: string[]) {
  return byId(
    tx,
    // Dates as text: a driver's Date would be a day shifted by the server's zone.
    `SELECT id, kind, prefix, range_from, range_to, dian_authorization, valid_from::text AS valid_from,
            valid_until::text AS valid_until
       FROM numberings WHERE company_id = $1 AND id = ANY($2::uuid[]) AND kind IN ('dee_pos', 'contingency')`,
    companyId,
    numberingIds,
  );
}

/**
 * recordElectronicDocuments: the invoices just accepted on a DEE POS numbering get their
 * electronic document in the outbox, inside the ingest transaction (so an accepted DEE POS sale
 * never lacks its row): generated with its CUDE and XML, or not_generated when the company's DIAN
 * settings are incomplete. Invoices on other numberings cost nothing but one lookup when electronic.
 */
export async function recordElectronicDocuments(
  tx: Queryable,
  companyId: string,
  accepted: (InvoiceDocument & { number: number | null })[],
  /** Opens the company's software PIN (sealed at rest) for the CUDE. */
  secrets: SecretBox,
  /** electronicNumberingsOf the invoices' numberings, when the caller asked ahead (pipelined with its write). */
  electronicNumberings?: Promise<Map<string, Row>>,
): Promise<void> {
  if (accepted.length === 0) {
    await electronicNumberings;
    return;
  }
  const numberings = await (electronicNumberings ??
    electronicNumberingsOf(
      tx,
      companyId,
      accepted.map((d) => d.numberingId),
    ));
  const docs = accepted.filter(
    (d): d is InvoiceDocument & { number: number } => numberings.has(d.numberingId) && d.number !== null,
  );
  if (docs.length === 0) return;
  const [companyRows, terminals, cashiers, clients, products] = await Promise.all([
    tx.query("SELECT * FROM companies WHERE id = $1", [companyId]),
    byId(
      tx,
      "SELECT id, name FROM terminals WHERE company_id = $1 AND id = ANY($2::uuid[])",
      companyId,
      docs.map((d) => d.terminalId),
    ),
    byId(
      tx,
      "SELECT id, name FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])",
      companyId,
      docs.map((d) => d.cashierId),
    ),
    byId(
      tx,
      "SELECT * FROM clients WHERE company_id = $1 AND id = ANY($2::uuid[])",
      companyId,
      docs.map((d) => d.clientId),
    ),
    byId(
      tx,
      "SELECT id, reference, barcode FROM products WHERE company_id = $1 AND id = ANY($2::uuid[])",
      companyId,
      docs.flatMap((d) => d.lines.map((l) => l.productId)),
    ),
  ]);
  const company = companyRows[0] as Row;
  const { settings, problem } = dianSettingsOf(company, secrets);
  const records = docs.map((doc) => {
    const base = {
      invoiceId: doc.id,
      contingency: numberings.get(doc.numberingId)?.kind === "contingency",
      deviceId: doc.deviceId,
      issuedAt: doc.issuedAt,
      // The numbering's prefix, as the DIAN authorized it (the till's copy of it is not checked).
      number: `${String(numberings.get(doc.numberingId)?.prefix ?? "")}${doc.number}`,
      environment: String(company.dian_environment),
    };
    if (!settings) return { ...base, state: "not_generated", problem, cude: null, qrText: null, xml: null };
    const context = {
      company,
      numbering: numberings.get(doc.numberingId) as Row,
      terminal: terminals.get(doc.terminalId),
      cashier: cashiers.get(doc.cashierId),
      client: clients.get(doc.clientId),
    };
    try {
      const generated = buildDeePosInvoice(deePosDocumentOf(doc, context, products, settings));
      return {
        ...base,
        state: "generated",
        problem: null,
        cude: generated.cude,
        qrText: generated.qrText,
        xml: generated.xml,
      };
    } catch (error) {
      // Data the document cannot be built from (a company NIT stored before its rules, say) never
      // costs the sale or the other invoices of the push: the row says why, to fix and generate again.
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ...base,
        state: "not_generated",
        problem: `document not generated: ${reason}`,
        cude: null,
        qrText: null,
        xml: null,
      };
    }
  });
  await tx.query(
    `INSERT INTO electronic_documents (company_id, invoice_id, number, environment, state, problem, cude, qr_text, xml,
                                      contingency, outage_ended_at, deadline_at)
     SELECT $1, x."invoiceId", x.number, x.environment, x.state, x.problem, x.cude, x."qrText", x.xml,
            x.contingency, o.ended, o.ended + interval '1 hour' * $3
       FROM jsonb_to_recordset($2::jsonb) AS x("invoiceId" uuid, number text, environment text, state text,
            problem text, cude text, "qrText" text, xml text, contingency boolean, "deviceId" uuid,
            "issuedAt" timestamptz)
       CROSS JOIN LATERAL (SELECT CASE WHEN x.contingency THEN ${CONTINGENCY_OUTAGE_END} END AS ended) o
     ON CONFLICT DO NOTHING`,
    [companyId, JSON.stringify(records), CONTINGENCY_DEADLINE_HOURS],
  );
}
