import type { SyncedEntity } from "@mostrador/domain";
import type { z } from "zod";
import type { Queryable } from "../../db/database";

export interface FieldSpec {
  /** jsonb columns are sent as JSON text. */
  json?: boolean;
}

/**
 * One admin-managed, synced table. The generic store/routes read this instead of
 * ten copies of the same CRUD code; per-entity rules live in `check` and `prepare`.
 */
export interface ResourceDefinition {
  /** URL segment: /api/{path}. */
  path: string;
  table: string;
  /** null for tables the till never downloads (users). */
  entity: SyncedEntity | null;
  /** Human name in messages: "product". */
  label: string;
  createSchema: z.ZodType<Record<string, unknown>>;
  /** The row as the API presents it (responses and the pull's `data`). */
  rowSchema: z.ZodType<Record<string, unknown>>;
  patchSchema: z.ZodType<Record<string, unknown>>;
  /** camelCase API field → spec; the column is its snake_case. */
  fields: Record<string, FieldSpec>;
  /** Columns searched by `?q=`. */
  searchColumns: string[];
  orderBy: string;
  /** Cashiers may read it (a till needs it) / create it (clients at the counter). */
  cashierMayRead: boolean;
  cashierMayCreate: boolean;
  /** Fields never shown in responses. */
  hiddenFields?: string[];
  /** Turns validated input into stored values (hash a password, default next number). */
  prepare?: (
    input: Record<string, unknown>,
    existing: Record<string, unknown> | null,
  ) => Promise<Record<string, unknown>>;
  /** Extra rules for PATCH, given the row's id (runs before the update, in its transaction). */
  checkUpdate?: (tx: Queryable, companyId: string, id: string, values: Record<string, unknown>) => Promise<void>;
  /** Side effects of a PATCH in its transaction, given the prepared values sent (end a user's sessions). */
  afterUpdate?: (tx: Queryable, companyId: string, id: string, sent: Record<string, unknown>) => Promise<void>;
  /** Column a cashier's `terminalIds` limit the list to. */
  cashierScope?: "id";
  /** Referential checks inside the company; throws ApiError. */
  check?: (tx: Queryable, companyId: string, values: Record<string, unknown>) => Promise<void>;
}

export const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
