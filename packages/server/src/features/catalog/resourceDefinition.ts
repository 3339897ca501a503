import type { SyncedEntity } from "@mostrador/domain";
import type { z } from "zod";
import type { Queryable } from "../../db/database";

export interface FieldSpec {
  /** jsonb columns are sent as JSON text. */
  json?: boolean;
}

/** An exact-match filter of the list: `?<key>=<value>` → `<column> = value`. */
export interface ListFilter {
  column: string;
  /** The query value's schema (a bad value is 400 VALIDATION_FAILED). */
  schema: z.ZodType;
}

/** API fields that together are unique in the company (a product's barcode; a client's id type and number). */
export interface UniqueKey {
  /** The last field is the error's `path` ("barcode", "idNumber"). */
  fields: string[];
  /** The unique index that backs it (a race past the check is still answered DUPLICATE). */
  index: string;
  /** "another product has this barcode". */
  message: string;
  /** Values that do not take the key (a product without a barcode). */
  unset?: (values: Record<string, unknown>) => boolean;
}

/**
 * Rows elsewhere that refer to this one: while any does, DELETE is refused with IN_USE.
 * `sql` counts them, given $1 = company id and $2 = this row's id.
 */
export interface Reference {
  /** What refers to it, one of them: "product", "invoice" (the message says "used by 3 products"). */
  what: string;
  sql: string;
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
  /** A stored lowercase column of the search columns (migration 008), searched instead of them when set. */
  searchTextColumn?: string;
  orderBy: string;
  /** `?sort=` names beyond `name` and `changed` (every resource has those) → their columns. */
  sortFields?: Record<string, string>;
  /** Exact-match list filters: query key → column and schema. */
  filters?: Record<string, ListFilter>;
  /** Checked before every create and update (409 DUPLICATE, nothing written). */
  uniqueKeys?: UniqueKey[];
  /** The table has `legacy_duplicate` (migration 008): cleared when a row's unique key changes. */
  legacyDuplicates?: boolean;
  /** Checked before a DELETE (409 IN_USE, nothing deleted). */
  references?: Reference[];
  /**
   * Stored fields that are secrets (users' passwordHash → "password"): the audit trail records
   * that they changed, with from/to null, never their value.
   */
  secretFields?: Record<string, string>;
  /** Rules about the signed-in user acting on their own row (SELF_CHANGE); values = null on delete. */
  checkSelf?: (actorId: string, id: string, values: Record<string, unknown> | null) => void;
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
  /**
   * Referential and cross-field checks inside the company on the whole row to be stored; throws
   * ApiError. `sent` is the patch on an update (absent on a create).
   */
  check?: (
    tx: Queryable,
    companyId: string,
    values: Record<string, unknown>,
    sent?: Record<string, unknown>,
  ) => Promise<void>;
}

export const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** "tax" → "taxes", "category" → "categories", "price list" → "price lists". */
export function pluralOf(label: string): string {
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(label)) return `${label}es`;
  return `${label}s`;
}
