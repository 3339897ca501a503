import { type ClientPushResult, clientRejection, type NewClient, newClientSchema } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { type Database, isDataError } from "../../db/database";
import { rawIdOf } from "../../http/rawItem";
import { insertNewClients } from "./newClientWriter";

interface Item {
  index: number;
  client: NewClient;
}

/**
 * tillClientAcceptor: the push's `clients` section, clients created at a till ("Nuevo cliente"),
 * decided before the invoices of the same request. Exactly once is the database's job: the primary
 * key (company_id, id) and INSERT … ON CONFLICT DO NOTHING (newClientWriter, the invoices' code).
 *
 * 1. Parse each client alone: a malformed one is rejected (CLIENT_INVALID, field named), alone.
 * 2. One copy per id (a copy gets its first's answer).
 * 3. Insert them in one transaction; a value the database refuses → each client alone.
 * 4. Answer in order: inserted now (duplicate false); already there under its id (duplicate true);
 *    or its id type and number held by another client (duplicate true, sameAs that client).
 */
export async function acceptClientBatch(db: Database, auth: AuthContext, raw: unknown[]): Promise<ClientPushResult[]> {
  const results = new Map<number, ClientPushResult>();
  // 1 + 2
  const items: Item[] = [];
  const firstOf = new Map<string, number>();
  const copies: { index: number; first: number }[] = [];
  raw.forEach((value, index) => {
    const parsed = newClientSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      results.set(index, {
        outcome: "rejected",
        id: rawIdOf(value),
        errors: [clientRejection(detail.slice(0, 500), issue?.path.join(".") || undefined)],
      });
      return;
    }
    const first = firstOf.get(parsed.data.id);
    if (first !== undefined) copies.push({ index, first });
    else {
      firstOf.set(parsed.data.id, index);
      items.push({ index, client: parsed.data });
    }
  });

  // 3
  const write = (clients: NewClient[]) => db.transaction((tx) => insertNewClients(tx, auth.companyId, clients));
  let inserted: Set<string>;
  try {
    inserted = await write(items.map((i) => i.client));
  } catch (error) {
    if (!isDataError(error)) throw error;
    // A value PostgreSQL refuses (parsing let it through): each client alone, so only that one fails.
    inserted = new Set();
    for (const item of items) {
      try {
        for (const id of await write([item.client])) inserted.add(id);
      } catch (single) {
        if (!isDataError(single)) throw single;
        results.set(item.index, {
          outcome: "rejected",
          id: item.client.id,
          errors: [clientRejection(dataErrorText(single))],
        });
      }
    }
  }

  // 4
  const undecided = items.filter((i) => !results.has(i.index));
  const known = await storedClients(
    db,
    auth.companyId,
    undecided.filter((i) => !inserted.has(i.client.id)).map((i) => i.client),
  );
  for (const { index, client } of undecided) {
    if (inserted.has(client.id)) results.set(index, { outcome: "accepted", id: client.id, duplicate: false });
    else if (known.ids.has(client.id)) results.set(index, { outcome: "accepted", id: client.id, duplicate: true });
    else {
      const sameAs = known.byIdentity.get(`${client.idType}|${client.idNumber}`);
      results.set(
        index,
        sameAs
          ? { outcome: "accepted", id: client.id, duplicate: true, sameAs }
          : { outcome: "retry", id: client.id, reason: "not stored, retry" },
      );
    }
  }
  for (const copy of copies) results.set(copy.index, results.get(copy.first) as ClientPushResult);
  return raw.map((value, index) => results.get(index) ?? { outcome: "retry", id: rawIdOf(value), reason: "retry" });
}

/** Of clients not inserted: which ids the company has, and who holds each id type and number. */
async function storedClients(db: Database, companyId: string, clients: NewClient[]) {
  const ids = new Set<string>();
  const byIdentity = new Map<string, string>();
  if (clients.length === 0) return { ids, byIdentity };
  const rows = await db.query<{ id: string; id_type: string; id_number: string }>(
    `SELECT id, id_type, id_number FROM clients
      WHERE company_id = $1 AND (id = ANY($2::uuid[]) OR (id_type, id_number) IN (
        SELECT x."idType", x."idNumber" FROM jsonb_to_recordset($3::jsonb) AS x("idType" text, "idNumber" text)))`,
    [
      companyId,
      clients.map((c) => c.id),
      JSON.stringify(clients.map((c) => ({ idType: c.idType, idNumber: c.idNumber }))),
    ],
  );
  for (const r of rows) {
    ids.add(String(r.id));
    byIdentity.set(`${r.id_type}|${r.id_number}`, String(r.id));
  }
  return { ids, byIdentity };
}

const dataErrorText = (error: unknown) =>
  `the database refused a value (${error instanceof Error ? error.message.slice(0, 200) : "data error"})`;
