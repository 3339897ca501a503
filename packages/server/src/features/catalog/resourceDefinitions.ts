import {
  categoryInputSchema,
  categorySchema,
  clientFieldsSchema,
  clientIdNumberProblem,
  clientIdTypeSchema,
  clientInputSchema,
  clientSchema,
  idSchema,
  numberingInputSchema,
  numberingPatchSchema,
  numberingSchema,
  patchOf,
  paymentMethodInputSchema,
  paymentMethodSchema,
  priceListInputSchema,
  priceListSchema,
  productInputSchema,
  productSchema,
  roleSchema,
  taxInputSchema,
  taxSchema,
  terminalInputSchema,
  terminalSchema,
  textSchema,
  userInputSchema,
  userPatchSchema,
  userSchema,
  warehouseInputSchema,
  warehouseSchema,
} from "@mostrador/domain";
import { revokeUserSessions } from "../../auth/authTokens";
import { hashPassword } from "../../auth/passwordHasher";
import { assertPasswordPolicy } from "../../auth/passwordPolicy";
import type { Queryable } from "../../db/database";
import { ApiError } from "../../http/apiError";
import type { Reference, ResourceDefinition } from "./resourceDefinition";

async function mustExist(tx: Queryable, table: string, companyId: string, id: unknown, field: string) {
  if (id === null || id === undefined) return;
  const rows = await tx.query(`SELECT 1 FROM ${table} WHERE company_id = $1 AND id = $2`, [companyId, id]);
  if (!rows[0]) throw new ApiError(400, "VALIDATION_FAILED", `${field}: no such ${table.replace(/s$/, "")}`);
}

/** A terminal's invoice numbering sells, its credit-note numbering returns: never the other way. */
async function mustBeNumberingOfKind(tx: Queryable, companyId: string, id: unknown, kind: string, field: string) {
  if (id === null || id === undefined) return;
  const rows = await tx.query("SELECT kind FROM numberings WHERE company_id = $1 AND id = $2", [companyId, id]);
  if (!rows[0]) throw new ApiError(400, "VALIDATION_FAILED", `${field}: no such numbering`);
  if (rows[0].kind !== kind) throw new ApiError(400, "VALIDATION_FAILED", `${field}: not a numbering of kind ${kind}`);
}

const plain = (...names: string[]) => Object.fromEntries(names.map((n) => [n, {}]));

/** Rows of `table` in the company that match `condition` ($2 = the id being deleted). */
const rowsOf = (what: string, table: string, condition: string): Reference => ({
  what,
  sql: `SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1 AND ${condition}`,
});
/** Invoices whose stored revisions name the id in one of their lines or payments (jsonb containment). */
const invoicesNaming = (list: "lines" | "payments", key: string): Reference => ({
  what: "invoice",
  sql: `SELECT count(DISTINCT invoice_id)::int AS n FROM invoice_revisions
         WHERE company_id = $1 AND document->'${list}' @> jsonb_build_array(jsonb_build_object('${key}', $2::text))`,
});

export const taxesResource: ResourceDefinition = {
  path: "taxes",
  table: "taxes",
  entity: "taxes",
  label: "tax",
  createSchema: taxInputSchema,
  rowSchema: taxSchema,
  patchSchema: patchOf(taxInputSchema),
  fields: plain("name", "kind", "rateBp", "active"),
  searchColumns: ["name"],
  orderBy: "name",
  cashierMayRead: true,
  cashierMayCreate: false,
  references: [rowsOf("product", "products", "tax_id = $2"), invoicesNaming("lines", "taxId")],
};

export const categoriesResource: ResourceDefinition = {
  path: "categories",
  table: "categories",
  entity: "categories",
  label: "category",
  createSchema: categoryInputSchema,
  rowSchema: categorySchema,
  patchSchema: patchOf(categoryInputSchema),
  fields: plain("name", "active"),
  searchColumns: ["name"],
  orderBy: "name",
  cashierMayRead: true,
  cashierMayCreate: false,
  references: [rowsOf("product", "products", "category_id = $2")],
};

export const warehousesResource: ResourceDefinition = {
  ...categoriesResource,
  path: "warehouses",
  table: "warehouses",
  entity: "warehouses",
  label: "warehouse",
  createSchema: warehouseInputSchema,
  rowSchema: warehouseSchema,
  patchSchema: patchOf(warehouseInputSchema),
  references: [rowsOf("terminal", "terminals", "warehouse_id = $2"), rowsOf("product", "products", "stock ? $2::text")],
};

export const paymentMethodsResource: ResourceDefinition = {
  path: "payment-methods",
  table: "payment_methods",
  entity: "paymentMethods",
  label: "payment method",
  createSchema: paymentMethodInputSchema,
  rowSchema: paymentMethodSchema,
  patchSchema: patchOf(paymentMethodInputSchema),
  fields: plain("name", "kind", "active"),
  searchColumns: ["name"],
  orderBy: "name",
  cashierMayRead: true,
  cashierMayCreate: false,
  references: [
    rowsOf("terminal", "terminals", "$2 = ANY(payment_method_ids)"),
    invoicesNaming("payments", "paymentMethodId"),
  ],
};

export const productsResource: ResourceDefinition = {
  path: "products",
  table: "products",
  entity: "products",
  label: "product",
  createSchema: productInputSchema,
  rowSchema: productSchema,
  patchSchema: patchOf(productInputSchema),
  fields: {
    ...plain(
      "name",
      "reference",
      "barcode",
      "categoryId",
      "price",
      "priceIncludesTax",
      "taxId",
      "active",
      "trackStock",
      "tileColor",
    ),
    stock: { json: true },
  },
  searchColumns: ["name", "reference", "barcode"],
  searchTextColumn: "search_text",
  orderBy: "name",
  sortFields: { reference: "reference", barcode: "barcode", price: "price" },
  filters: {
    categoryId: { column: "category_id", schema: idSchema },
    taxId: { column: "tax_id", schema: idSchema },
    barcode: { column: "barcode", schema: textSchema(64, 1) },
  },
  uniqueKeys: [
    {
      fields: ["barcode"],
      index: "products_barcode_once",
      message: "another product already has this barcode",
      unset: (v) => v.barcode === null || v.barcode === undefined || v.barcode === "",
    },
  ],
  legacyDuplicates: true,
  references: [
    invoicesNaming("lines", "productId"),
    rowsOf("price list", "price_lists", "prices @> jsonb_build_array(jsonb_build_object('productId', $2::text))"),
  ],
  cashierMayRead: true,
  cashierMayCreate: false,
  check: async (tx, companyId, v) => {
    await mustExist(tx, "taxes", companyId, v.taxId, "taxId");
    await mustExist(tx, "categories", companyId, v.categoryId, "categoryId");
  },
};

export const clientsResource: ResourceDefinition = {
  path: "clients",
  table: "clients",
  entity: "clients",
  label: "client",
  createSchema: clientInputSchema,
  rowSchema: clientSchema,
  patchSchema: patchOf(clientFieldsSchema),
  fields: plain("name", "idType", "idNumber", "email", "phone", "address", "active"),
  searchColumns: ["name", "id_number"],
  searchTextColumn: "search_text",
  orderBy: "name",
  sortFields: { idNumber: "id_number" },
  filters: {
    idType: { column: "id_type", schema: clientIdTypeSchema },
    idNumber: { column: "id_number", schema: textSchema(20, 1) },
  },
  uniqueKeys: [
    {
      fields: ["idType", "idNumber"],
      index: "clients_identity_once",
      message: "another client already has this id type and number",
    },
  ],
  legacyDuplicates: true,
  references: [rowsOf("invoice", "invoices", "client_id = $2")],
  cashierMayRead: true,
  cashierMayCreate: true,
  // A patch is checked as a whole row: changing only the id type to NIT must meet the NIT rule too.
  // Only when the identity is touched, so a client stored before the rule can still be deactivated.
  check: async (_tx, _companyId, v, sent) => {
    if (sent && sent.idType === undefined && sent.idNumber === undefined) return;
    const problem = clientIdNumberProblem(String(v.idType), String(v.idNumber));
    if (problem)
      throw new ApiError(400, "VALIDATION_FAILED", `idNumber: ${problem}`, [{ path: "idNumber", message: problem }]);
  },
};

export const priceListsResource: ResourceDefinition = {
  path: "price-lists",
  table: "price_lists",
  entity: "priceLists",
  label: "price list",
  createSchema: priceListInputSchema,
  rowSchema: priceListSchema,
  patchSchema: patchOf(priceListInputSchema),
  fields: { ...plain("name", "active"), prices: { json: true } },
  searchColumns: ["name"],
  orderBy: "name",
  cashierMayRead: true,
  cashierMayCreate: false,
  references: [rowsOf("terminal", "terminals", "price_list_id = $2")],
};

export const numberingsResource: ResourceDefinition = {
  path: "numberings",
  table: "numberings",
  entity: "numberings",
  label: "numbering",
  createSchema: numberingInputSchema,
  rowSchema: numberingSchema,
  patchSchema: numberingPatchSchema,
  fields: plain(
    "name",
    "prefix",
    "rangeFrom",
    "rangeTo",
    "nextNumber",
    "validFrom",
    "validUntil",
    "electronic",
    "resolution",
    "blockSize",
    "maxUnusedPerDevice",
    "active",
    "kind",
  ),
  searchColumns: ["name", "prefix"],
  orderBy: "name",
  references: [
    rowsOf("terminal", "terminals", "numbering_id = $2"),
    rowsOf("invoice", "invoices", "numbering_id = $2"),
    rowsOf("number block", "number_blocks", "numbering_id = $2"),
  ],
  cashierMayRead: true,
  cashierMayCreate: false,
  prepare: async (input, existing) =>
    existing || input.nextNumber !== undefined ? input : { ...input, nextNumber: input.rangeFrom },
  check: async (_tx, _companyId, v) => {
    const from = Number(v.rangeFrom);
    const to = Number(v.rangeTo);
    const next = Number(v.nextNumber);
    if (to < from) throw new ApiError(400, "VALIDATION_FAILED", "rangeTo must be >= rangeFrom");
    if (next < from || next > to + 1)
      throw new ApiError(400, "VALIDATION_FAILED", "nextNumber must lie within rangeFrom..rangeTo+1");
    if (String(v.validUntil) < String(v.validFrom))
      throw new ApiError(400, "VALIDATION_FAILED", "validUntil must be >= validFrom");
    if (v.kind === "credit_note" && v.electronic)
      throw new ApiError(400, "VALIDATION_FAILED", "a credit-note numbering cannot be electronic");
  },
  // Numbers already handed out (leased or used) can never be handed out again.
  checkUpdate: async (tx, companyId, id, v) => {
    const rows = await tx.query<{ next_number: number; range_from: number }>(
      "SELECT next_number, range_from FROM numberings WHERE company_id = $1 AND id = $2",
      [companyId, id],
    );
    const current = rows[0];
    if (!current) return;
    if (Number(v.nextNumber) < Number(current.next_number))
      throw new ApiError(
        409,
        "CONFLICT",
        `nextNumber cannot go back: numbers below ${current.next_number} were already handed out`,
      );
    if (Number(v.rangeTo) < Number(current.next_number) - 1)
      throw new ApiError(
        409,
        "CONFLICT",
        `rangeTo cannot end before ${Number(current.next_number) - 1}, already handed out`,
      );
    if (Number(v.rangeFrom) !== Number(current.range_from) && Number(current.next_number) > Number(current.range_from))
      throw new ApiError(409, "CONFLICT", "rangeFrom cannot change once numbers were handed out");
  },
};

export const terminalsResource: ResourceDefinition = {
  path: "terminals",
  table: "terminals",
  entity: "terminals",
  label: "terminal",
  createSchema: terminalInputSchema,
  rowSchema: terminalSchema,
  patchSchema: patchOf(terminalInputSchema),
  fields: plain(
    "name",
    "numberingId",
    "warehouseId",
    "paymentMethodIds",
    "priceListId",
    "active",
    "requiresShift",
    "creditNoteNumberingId",
  ),
  searchColumns: ["name"],
  orderBy: "name",
  cashierMayRead: true,
  cashierMayCreate: false,
  // A cashier only sees the terminals they may invoice on (none listed = all).
  cashierScope: "id",
  references: [
    rowsOf("device", "devices", "terminal_id = $2"),
    rowsOf("invoice", "invoices", "terminal_id = $2"),
    rowsOf("user", "users", "$2 = ANY(terminal_ids)"),
  ],
  check: async (tx, companyId, v) => {
    await mustExist(tx, "numberings", companyId, v.numberingId, "numberingId");
    await mustBeNumberingOfKind(tx, companyId, v.numberingId, "invoice", "numberingId");
    await mustBeNumberingOfKind(tx, companyId, v.creditNoteNumberingId, "credit_note", "creditNoteNumberingId");
    await mustExist(tx, "warehouses", companyId, v.warehouseId, "warehouseId");
    await mustExist(tx, "price_lists", companyId, v.priceListId, "priceListId");
    for (const id of (v.paymentMethodIds as string[] | undefined) ?? [])
      await mustExist(tx, "payment_methods", companyId, id, "paymentMethodIds");
  },
};

export const usersResource: ResourceDefinition = {
  path: "users",
  table: "users",
  entity: null,
  label: "user",
  createSchema: userInputSchema,
  rowSchema: userSchema,
  patchSchema: userPatchSchema,
  fields: plain("name", "email", "passwordHash", "role", "terminalIds", "active"),
  hiddenFields: ["passwordHash"],
  secretFields: { passwordHash: "password" },
  searchColumns: ["name", "email"],
  orderBy: "name",
  sortFields: { email: "email", role: "role" },
  filters: { role: { column: "role", schema: roleSchema } },
  uniqueKeys: [
    { fields: ["email"], index: "users_company_id_email_key", message: "another user already has this email" },
  ],
  references: [rowsOf("invoice", "invoices", "cashier_id = $2"), rowsOf("device", "devices", "user_id = $2")],
  // An admin cannot lock themself out: no deactivating, deleting or demoting their own account.
  checkSelf: (actorId, id, values) => {
    if (actorId !== id) return;
    if (values === null) throw new ApiError(409, "SELF_CHANGE", "you cannot delete your own user");
    if (values.active === false) throw new ApiError(409, "SELF_CHANGE", "you cannot deactivate your own user");
    if (values.role !== undefined && values.role !== "admin")
      throw new ApiError(409, "SELF_CHANGE", "you cannot remove your own admin role");
  },
  cashierMayRead: false,
  cashierMayCreate: false,
  prepare: async (input) => {
    const { password, ...rest } = input;
    if (password === undefined) return rest;
    assertPasswordPolicy(String(password));
    return { ...rest, passwordHash: await hashPassword(String(password)) };
  },
  check: async (tx, companyId, v) => {
    for (const id of (v.terminalIds as string[] | undefined) ?? [])
      await mustExist(tx, "terminals", companyId, id, "terminalIds");
  },
  // A new password or a deactivation ends the user's open sessions (the routes then drop the token cache).
  afterUpdate: async (tx, companyId, id, sent) => {
    if (sent.passwordHash !== undefined || sent.active === false) await revokeUserSessions(tx, companyId, id);
  },
};

export const catalogResources: ResourceDefinition[] = [
  taxesResource,
  categoriesResource,
  warehousesResource,
  paymentMethodsResource,
  productsResource,
  clientsResource,
  priceListsResource,
  numberingsResource,
  terminalsResource,
  usersResource,
];
