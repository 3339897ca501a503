import type { ClientPushResult, NewClient } from "@mostrador/domain";
import { searchWords } from "../text/searchText";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalTillClient } from "./localRecords";
import type { ApplyPushResult } from "./localStore";
import { LocalStoreError } from "./localStoreErrors";

/**
 * Clients created at this till, part of the LocalStore (`store.tillClients`): "Nuevo cliente" stores
 * the client at once as its own pending record (and in the searchable clients), so it reaches the
 * server even when the sale then switches to another client or is never billed.
 */
export interface TillClientsStore {
  /** Stores a client made here (checked by the shared schema), pending upload. Throws INVALID_CLIENT. */
  saveClient(client: NewClient): Promise<LocalTillClient>;
  getClient(id: string): Promise<LocalTillClient | undefined>;
  /** Clients the server has not answered for, oldest first. */
  listClientsToPush(limit: number): Promise<NewClient[]>;
  /** accepted (also a duplicate) → synced, rejected → error with its reasons, retry → stays pending. */
  applyClientPushResults(results: readonly ClientPushResult[]): Promise<ApplyPushResult>;
  /** Pending and refused clients: the sync indicator counts them. */
  countOutstanding(): Promise<{ pending: number; error: number }>;
}

export class DexieTillClientsStore implements TillClientsStore {
  constructor(private readonly db: LocalDatabase) {}

  async saveClient(client: NewClient): Promise<LocalTillClient> {
    const { newClientSchema } = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
    const parsed = newClientSchema.safeParse(client);
    if (!parsed.success)
      throw new LocalStoreError("INVALID_CLIENT", "the client does not pass validation", parsed.error.issues);
    const valid = parsed.data;
    const { db } = this;
    return db.transaction("rw", [db.tillClients, db.clients], async () => {
      const existing = await db.tillClients.get(valid.id);
      if (existing) return existing; // the same "Nuevo cliente" again: one record, never two uploads
      const now = new Date().toISOString();
      const record: LocalTillClient = {
        id: valid.id,
        status: "pending",
        client: valid,
        errors: [],
        createdAt: now,
        updatedAt: now,
      };
      await db.tillClients.add(record);
      // Searchable at once, as a client made here (the pull replaces it with the server's row).
      if (!(await db.clients.get(valid.id)))
        await db.clients.put({
          ...valid,
          version: 0,
          searchWords: searchWords(valid.name, valid.idNumber),
          createdOffline: true,
        });
      return record;
    });
  }

  getClient(id: string): Promise<LocalTillClient | undefined> {
    return this.db.tillClients.get(id);
  }

  async listClientsToPush(limit: number): Promise<NewClient[]> {
    const pending = await this.db.tillClients.where("status").equals("pending").toArray();
    return pending
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit)
      .map((r) => r.client);
  }

  applyClientPushResults(results: readonly ClientPushResult[]): Promise<ApplyPushResult> {
    const { db } = this;
    return db.transaction("rw", db.tillClients, async () => {
      const outcome: ApplyPushResult = { synced: 0, rejected: 0, retry: 0, ignored: 0 };
      const locals = await db.tillClients.bulkGet(results.map((r) => r.id));
      const now = new Date().toISOString();
      const updates: LocalTillClient[] = [];
      results.forEach((result, i) => {
        const local = locals[i];
        if (local?.status !== "pending") {
          outcome.ignored += 1;
          return;
        }
        if (result.outcome === "retry") outcome.retry += 1;
        else if (result.outcome === "accepted") {
          outcome.synced += 1;
          updates.push({
            ...local,
            status: "synced",
            errors: [],
            ...(result.sameAs ? { sameAs: result.sameAs } : {}),
            updatedAt: now,
          });
        } else {
          outcome.rejected += 1;
          updates.push({ ...local, status: "error", errors: [...result.errors], updatedAt: now });
        }
      });
      if (updates.length > 0) await db.tillClients.bulkPut(updates);
      return outcome;
    });
  }

  countOutstanding(): Promise<{ pending: number; error: number }> {
    const { db } = this;
    return db.transaction("r", db.tillClients, async () => {
      const [pending, error] = await Promise.all([
        db.tillClients.where("status").equals("pending").count(),
        db.tillClients.where("status").equals("error").count(),
      ]);
      return { pending, error };
    });
  }
}
