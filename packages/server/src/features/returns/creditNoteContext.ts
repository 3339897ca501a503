import type { CreditNoteDocument, InvoiceLine } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

type Row = Record<string, unknown>;

/** The server's view of what a batch of credit notes refers to, loaded once per batch. */
export interface CreditNoteContext {
  now: Date;
  clockSkewSeconds: number;
  timeZone: string;
  /** Devices of this company → their terminal. */
  devices: Map<string, string>;
  /** Those of them an admin revoked (or that retired): their export file's notes may come from another device. */
  revokedDevices: Set<string>;
  terminals: Map<string, { active: boolean; paymentMethodIds: string[] }>;
  numberings: Map<
    string,
    { name: string; kind: string; rangeFrom: number; rangeTo: number; validFrom: string; validUntil: string }
  >;
  users: Map<string, { active: boolean; role: string; terminalIds: string[] }>;
  /** `deviceId#userId` for every user who signed in on a device. */
  signIns: Set<string>;
  paymentMethods: Map<string, { name: string; active: boolean }>;
  /** The referenced invoices of this company, with the lines of their current revision. */
  invoices: Map<string, { status: string; prefix: string; number: number | null; lines: InvoiceLine[] }>;
  /** Leased blocks: device, numbering, first and last number still usable. */
  blocks: { deviceId: string; numberingId: string; from: number; to: number }[];
  /** numbering#number → the credit note holding it. */
  numbersTaken: Map<string, string>;
}

const uniq = (xs: string[]) => [...new Set(xs)];
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
export const creditNoteNumberKey = (numberingId: string, number: number) => `${numberingId}#${number}`;

export async function loadCreditNoteContext(
  db: Queryable,
  companyId: string,
  docs: CreditNoteDocument[],
  now: Date,
): Promise<CreditNoteContext> {
  const deviceIds = uniq(docs.map((d) => d.deviceId));
  const numberingIds = uniq(docs.map((d) => d.numberingId));
  const userIds = uniq(docs.map((d) => d.cashierId));
  const [company, devices, terminals, numberings, users, signIns, methods, invoices, blocks, taken] = await Promise.all(
    [
      db.query("SELECT clock_skew_seconds, time_zone FROM companies WHERE id = $1", [companyId]),
      // Revoked as the token check reads it (authTokens): revoked_at set or the device deactivated.
      db.query(
        `SELECT id, terminal_id, (revoked_at IS NOT NULL OR NOT active) AS revoked
           FROM devices WHERE company_id = $1 AND id = ANY($2::uuid[])`,
        [companyId, deviceIds],
      ),
      db.query("SELECT id, active, payment_method_ids FROM terminals WHERE company_id = $1 AND id = ANY($2::uuid[])", [
        companyId,
        uniq(docs.map((d) => d.terminalId)),
      ]),
      db.query(
        `SELECT id, name, kind, range_from, range_to, valid_from, valid_until FROM numberings
          WHERE company_id = $1 AND id = ANY($2::uuid[])`,
        [companyId, numberingIds],
      ),
      db.query("SELECT id, active, role, terminal_ids FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])", [
        companyId,
        userIds,
      ]),
      db.query(
        `SELECT device_id, user_id FROM device_sign_ins
          WHERE company_id = $1 AND device_id = ANY($2::uuid[]) AND user_id = ANY($3::uuid[])`,
        [companyId, deviceIds, userIds],
      ),
      db.query("SELECT id, name, active FROM payment_methods WHERE company_id = $1 AND id = ANY($2::uuid[])", [
        companyId,
        uniq(docs.flatMap((d) => d.refunds.map((r) => r.paymentMethodId))),
      ]),
      // Only this company's invoices: another company's id is simply not found.
      db.query(
        `SELECT i.id, i.status, i.prefix, i.number, r.document -> 'lines' AS lines
           FROM invoices i
           LEFT JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
          WHERE i.company_id = $1 AND i.id = ANY($2::uuid[])`,
        [companyId, uniq(docs.map((d) => d.invoiceId))],
      ),
      db.query(
        `SELECT device_id, numbering_id, range_from, COALESCE(released_from - 1, range_to) AS range_to
           FROM number_blocks WHERE company_id = $1 AND device_id = ANY($2::uuid[]) AND numbering_id = ANY($3::uuid[])`,
        [companyId, deviceIds, numberingIds],
      ),
      db.query(
        `SELECT id, numbering_id, number FROM credit_notes
          WHERE company_id = $1 AND numbering_id = ANY($2::uuid[]) AND number = ANY($3::bigint[])`,
        [companyId, numberingIds, docs.map((d) => d.number)],
      ),
    ],
  );
  const c = company[0] ?? {};
  const terminalIdsOf = (v: unknown) => ((v as string[] | null) ?? []).map(String);
  return {
    now,
    clockSkewSeconds: Number(c.clock_skew_seconds ?? 300),
    timeZone: String(c.time_zone ?? "America/Bogota"),
    devices: new Map(devices.map((d) => [String(d.id), String(d.terminal_id)])),
    revokedDevices: new Set(devices.filter((d) => d.revoked === true).map((d) => String(d.id))),
    terminals: new Map(
      terminals.map((t) => [
        String(t.id),
        { active: Boolean(t.active), paymentMethodIds: terminalIdsOf(t.payment_method_ids) },
      ]),
    ),
    numberings: new Map(
      numberings.map((n: Row) => [
        String(n.id),
        {
          name: String(n.name),
          kind: String(n.kind),
          rangeFrom: Number(n.range_from),
          rangeTo: Number(n.range_to),
          validFrom: day(n.valid_from),
          validUntil: day(n.valid_until),
        },
      ]),
    ),
    users: new Map(
      users.map((u) => [
        String(u.id),
        { active: Boolean(u.active), role: String(u.role), terminalIds: terminalIdsOf(u.terminal_ids) },
      ]),
    ),
    signIns: new Set(signIns.map((s) => `${s.device_id}#${s.user_id}`)),
    paymentMethods: new Map(methods.map((m) => [String(m.id), { name: String(m.name), active: Boolean(m.active) }])),
    invoices: new Map(
      invoices.map((i) => [
        String(i.id),
        {
          status: String(i.status),
          prefix: String(i.prefix),
          number: i.number == null ? null : Number(i.number),
          lines: (i.lines as InvoiceLine[] | null) ?? [],
        },
      ]),
    ),
    blocks: blocks.map((b) => ({
      deviceId: String(b.device_id),
      numberingId: String(b.numbering_id),
      from: Number(b.range_from),
      to: Number(b.range_to),
    })),
    numbersTaken: new Map(
      taken.map((t) => [creditNoteNumberKey(String(t.numbering_id), Number(t.number)), String(t.id)]),
    ),
  };
}
