import { type ShiftHandover, shiftDocumentSchema, type TerminalShift } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

/**
 * terminalShiftReader: the open shift of the device's terminal, for the pull ("Tomar turno"):
 * its current document, who holds it, and what its invoices sold on other devices so far (the
 * asking device's own invoices are left out: the till counts those itself, never twice).
 */
export async function readTerminalShift(
  db: Queryable,
  companyId: string,
  deviceId: string,
): Promise<TerminalShift | null> {
  const rows = await db.query(
    `SELECT r.document, s.id
       FROM devices d
       JOIN shifts s ON s.company_id = d.company_id AND s.terminal_id = d.terminal_id AND s.status = 'open'
       JOIN shift_revisions r ON r.company_id = s.company_id AND r.shift_id = s.id AND r.revision = s.revision
      WHERE d.company_id = $1 AND d.id = $2`,
    [companyId, deviceId],
  );
  const row = rows[0];
  if (!row) return null;
  const parsed = shiftDocumentSchema.safeParse(row.document);
  if (!parsed.success) return null; // every stored revision passed this schema when it was accepted
  const document = parsed.data;
  const last: ShiftHandover | undefined = document.handovers?.[document.handovers.length - 1];
  const heldBy = last?.by ?? document.openedBy;
  const [names, sales, payments] = await Promise.all([
    db.query("SELECT id, name FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      [document.openedBy, heldBy],
    ]),
    db.query<{ n: number; total: string | null; change: string | null }>(
      `SELECT count(*)::int AS n, sum(total) AS total, sum(change) AS change FROM invoices
        WHERE company_id = $1 AND shift_id = $2 AND status = 'accepted' AND device_id <> $3`,
      [companyId, document.id, deviceId],
    ),
    db.query<{ kind: string; amount: string }>(
      `SELECT p->>'kind' AS kind, sum((p->>'amount')::bigint) AS amount
         FROM invoices i
         JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
         CROSS JOIN LATERAL jsonb_array_elements(r.document->'payments') p
        WHERE i.company_id = $1 AND i.shift_id = $2 AND i.status = 'accepted' AND i.device_id <> $3
        GROUP BY 1 ORDER BY 1`,
      [companyId, document.id, deviceId],
    ),
  ]);
  const nameOf = (id: string) => String(names.find((u) => String(u.id) === id)?.name ?? "");
  const byKind = payments.map((p) => ({ kind: p.kind, amount: Number(p.amount) }));
  return {
    document,
    openedByName: nameOf(document.openedBy),
    heldBy,
    heldByName: nameOf(heldBy),
    heldSince: last?.at ?? document.openedAt,
    soldElsewhere: {
      salesCount: sales[0]?.n ?? 0,
      salesTotal: Number(sales[0]?.total ?? 0),
      cashReceived: byKind.find((p) => p.kind === "cash")?.amount ?? 0,
      changeGiven: Number(sales[0]?.change ?? 0),
      otherKinds: byKind.filter((p) => p.kind !== "cash") as TerminalShift["soldElsewhere"]["otherKinds"],
    },
  };
}
