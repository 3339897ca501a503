import {
  categoryInputSchema,
  categorySchema,
  clientFieldsSchema,
  clientIdNumberProblem,
  clientIdTypeSchema,
  clientInputSchema,
  clientSchema,
  idSchema,
  isSalesNumberingKind,
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
import { invoicesNaming, plain, rowsOf } from "./definitionHelpers";
import { numberingsResource } from "./numberingResource";
import type { ResourceDefinition } from "./resourceDefinition";

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
  // A DEE POS numbering sells as an invoice numbering does.
  const fits = kind === "invoice" ? isSalesNumberingKind(String(rows[0].kind)) : rows[0].kind === kind;
  if (!fits) throw new ApiError(400, "VALIDATION_FAILED", `${field}: not a numbering of kind ${kind}`);
}

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
  // A warehouse with stock history (issue 14's ledger) is in use.
  references: [
    rowsOf("terminal", "terminals", "warehouse_id = $2"),
    rowsOf("stock movement", "stock_movements", "warehouse_id = $2"),
  ],
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
    "blockOfflineElectronic",
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
