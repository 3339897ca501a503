import { z } from "zod";
import { taxRegimeSchema } from "../company/taxRegime";
import {
  idSchema,
  isoDateSchema,
  moneySchema,
  multilineTextSchema,
  nameSchema,
  patchOf,
  textSchema,
  versionedFields,
} from "./common";
import { isValidNit, nitCheckDigit } from "./nit";

export const taxKindSchema = z.enum(["IVA", "INC", "EXENTO"]);
export type TaxKind = z.infer<typeof taxKindSchema>;

export const taxInputSchema = z.strictObject({
  name: nameSchema,
  kind: taxKindSchema,
  /** Basis points: 19 % = 1900. */
  rateBp: z.number().int().min(0).max(10_000),
  active: z.boolean().default(true),
});
export const taxSchema = z.object({ ...versionedFields, ...taxInputSchema.shape });
export type Tax = z.infer<typeof taxSchema>;

export const categoryInputSchema = z.strictObject({ name: nameSchema, active: z.boolean().default(true) });
export const categorySchema = z.object({ ...versionedFields, ...categoryInputSchema.shape });
export type Category = z.infer<typeof categorySchema>;

export const warehouseInputSchema = z.strictObject({ name: nameSchema, active: z.boolean().default(true) });
export const warehouseSchema = z.object({ ...versionedFields, ...warehouseInputSchema.shape });
export type Warehouse = z.infer<typeof warehouseSchema>;

/** The till's tile colours: a small palette whose text stays readable on every one (WCAG AA). */
export const tileColors = ["red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "gray"] as const;
export const tileColorSchema = z.enum(tileColors);
export type TileColor = z.infer<typeof tileColorSchema>;

export const productInputSchema = z.strictObject({
  name: nameSchema,
  reference: textSchema(100).default(""),
  barcode: textSchema(64).nullable().default(null),
  categoryId: idSchema.nullable().default(null),
  /** Price in minor units, as stated: with tax included when priceIncludesTax. */
  price: moneySchema,
  priceIncludesTax: z.boolean().default(true),
  taxId: idSchema,
  active: z.boolean().default(true),
  trackStock: z.boolean().default(false),
  /** Units on hand per warehouse id (only meaningful when trackStock). */
  stock: z.record(idSchema, z.number()).default({}),
  /** The product's tile at the till; null: the till's plain tile. */
  tileColor: tileColorSchema.nullable().default(null),
});
export const productSchema = z.object({ ...versionedFields, ...productInputSchema.shape });
export type Product = z.infer<typeof productSchema>;
export type ProductInput = z.input<typeof productInputSchema>;

export const priceListInputSchema = z.strictObject({
  name: nameSchema,
  active: z.boolean().default(true),
  prices: z
    .array(z.strictObject({ productId: idSchema, price: moneySchema }))
    .max(100_000)
    .default([]),
});
export const priceListSchema = z.object({ ...versionedFields, ...priceListInputSchema.shape });
export type PriceList = z.infer<typeof priceListSchema>;

export const clientIdTypeSchema = z.enum(["CC", "NIT", "CE", "PAS", "TI"]);
export { WALK_IN_CLIENT_ID_NUMBER } from "./walkInClient";

/** The client's fields, without the rules that span fields (patches and till-made clients start here). */
export const clientFieldsSchema = z.strictObject({
  name: nameSchema,
  idType: clientIdTypeSchema,
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{3,20}$/, { message: "id number: 3 to 20 letters, digits or '-'" }),
  email: z.email({ message: "must be an email address" }).nullable().default(null),
  phone: textSchema(40).nullable().default(null),
  address: multilineTextSchema(300).nullable().default(null),
  active: z.boolean().default(true),
});

/** Why a NIT client's idNumber is refused, or null when it is fine (every other id type: null). */
export function clientIdNumberProblem(idType: string, idNumber: string): string | null {
  if (idType !== "NIT") return null;
  const match = /^([0-9]{1,15})-([0-9])$/.exec(idNumber);
  if (!match) return "a NIT is written as digits, '-' and its check digit, e.g. 900123456-8";
  if (!isValidNit(idNumber))
    return `the NIT's check digit is wrong: ${match[1]} ends in -${nitCheckDigit(match[1] as string)}`;
  return null;
}

export const clientInputSchema = clientFieldsSchema.superRefine((c, ctx) => {
  const problem = clientIdNumberProblem(c.idType, c.idNumber);
  if (problem) ctx.addIssue({ code: "custom", path: ["idNumber"], message: problem });
});
export const clientSchema = z.object({ ...versionedFields, ...clientFieldsSchema.shape });
export type Client = z.infer<typeof clientSchema>;
export type ClientInput = z.input<typeof clientInputSchema>;

export const paymentMethodKindSchema = z.enum(["cash", "debit_card", "credit_card", "transfer", "other"]);
export type PaymentMethodKind = z.infer<typeof paymentMethodKindSchema>;
export const paymentMethodInputSchema = z.strictObject({
  name: nameSchema,
  kind: paymentMethodKindSchema,
  active: z.boolean().default(true),
});
export const paymentMethodSchema = z.object({ ...versionedFields, ...paymentMethodInputSchema.shape });
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const numberingKinds = ["invoice", "credit_note", "dee_pos", "contingency"] as const;
export const numberingKindSchema = z.enum(numberingKinds);
export type NumberingKind = z.infer<typeof numberingKindSchema>;
/** The kinds a terminal sells with (its numberingId): invoices, plain or DEE POS. */
export const isSalesNumberingKind = (kind: string): boolean => kind === "invoice" || kind === "dee_pos";
/**
 * The kinds an invoice may be numbered with: a terminal's own, or the contingency numbering its DEE
 * POS numbering names (tickets sold offline, issue 19's issuer contingency).
 */
export const isInvoiceNumberingKind = (kind: string): boolean => isSalesNumberingKind(kind) || kind === "contingency";

/** Why a numbering's kind does not fit the rest of it, or null. */
export function numberingKindProblem(n: {
  kind?: string;
  electronic?: boolean;
  dianAuthorization?: string | null;
  contingencyNumberingId?: string | null;
}): { path: string; message: string } | null {
  if (n.kind === "credit_note" && n.electronic)
    return { path: "electronic", message: "a credit-note numbering cannot be electronic" };
  if (n.kind === "dee_pos" && n.electronic === false)
    return { path: "electronic", message: "a DEE POS numbering is electronic (numbered by the server)" };
  if (n.kind === "dee_pos" && !n.dianAuthorization)
    return { path: "dianAuthorization", message: "a DEE POS numbering needs the DIAN's authorization number" };
  if (n.kind === "contingency" && n.electronic)
    return { path: "electronic", message: "a contingency numbering is leased in blocks: it cannot be electronic" };
  if (n.kind === "contingency" && !n.dianAuthorization)
    return { path: "dianAuthorization", message: "a contingency numbering needs the DIAN's authorization number" };
  if (n.contingencyNumberingId && n.kind !== "dee_pos")
    return { path: "contingencyNumberingId", message: "only a DEE POS numbering names a contingency numbering" };
  return null;
}

const numberingBase = z.strictObject({
  name: nameSchema,
  prefix: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{0,10}$/, { message: "prefix: up to 10 capital letters or digits" }),
  rangeFrom: z.number().int().min(1).max(999_999_999),
  rangeTo: z.number().int().min(1).max(999_999_999),
  nextNumber: z.number().int().min(1).max(1_000_000_000).optional(),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema,
  electronic: z.boolean().default(false),
  resolution: multilineTextSchema(500).default(""),
  /** Numbers per leased block; null lets the server size it from the sales rate. */
  blockSize: z.number().int().min(1).max(100_000).nullable().default(null),
  /** Most unused leased numbers one device may hold; null = two blocks (see leaseLimit). */
  maxUnusedPerDevice: z.number().int().min(1).max(1_000_000).nullable().default(null),
  active: z.boolean().default(true),
  /**
   * What its numbers are for: invoices, credit notes ("NC", never electronic), or the DIAN's
   * electronic equivalent POS document ("DEE POS": an invoice numbering, always electronic, whose
   * accepted invoices become signed UBL documents; see domain/dian).
   */
  kind: numberingKindSchema.default("invoice"),
  /** The DIAN's authorization (resolution) number of the range, sts:InvoiceAuthorization; DEE POS needs it. */
  dianAuthorization: z
    .string()
    .trim()
    .regex(/^[0-9]{1,20}$/, { message: "DIAN authorization: the resolution number, up to 20 digits" })
    .nullable()
    .default(null),
  /**
   * DEE POS only: the contingency numbering ("contingency": leased in blocks, never electronic) its
   * tills sell with while offline; null: offline invoicing is refused, as before issue 19.
   */
  contingencyNumberingId: idSchema.nullable().default(null),
});
export const numberingInputSchema = numberingBase
  .refine((n) => n.rangeTo >= n.rangeFrom, { message: "rangeTo must be >= rangeFrom", path: ["rangeTo"] })
  .refine((n) => n.validUntil >= n.validFrom, { message: "validUntil must be >= validFrom", path: ["validUntil"] })
  .superRefine((n, ctx) => {
    const problem = numberingKindProblem(n);
    if (problem) ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
  });
export const numberingPatchSchema = patchOf(numberingBase);
export const numberingSchema = z.object({
  ...versionedFields,
  ...numberingBase.shape,
  nextNumber: z.number().int(),
});
export type Numbering = z.infer<typeof numberingSchema>;

export const terminalInputSchema = z.strictObject({
  name: nameSchema,
  numberingId: idSchema,
  warehouseId: idSchema,
  paymentMethodIds: z.array(idSchema).min(1).max(50),
  priceListId: idSchema.nullable().default(null),
  active: z.boolean().default(true),
  /** Selling needs an open cash shift ("Abrir turno"); the server only exposes it (offline tills). */
  requiresShift: z.boolean().default(true),
  /** The credit-note numbering of this till's returns; null: the till cannot make returns. */
  creditNoteNumberingId: idSchema.nullable().default(null),
  /**
   * Refuse invoicing offline on an electronic numbering even when it names a contingency numbering
   * (the rule before issue 19's contingency tickets).
   */
  blockOfflineElectronic: z.boolean().default(false),
});
export const terminalSchema = z.object({ ...versionedFields, ...terminalInputSchema.shape });
export type Terminal = z.infer<typeof terminalSchema>;

export const roleSchema = z.enum(["admin", "cashier"]);
export type Role = z.infer<typeof roleSchema>;
export const userInputSchema = z.strictObject({
  name: nameSchema,
  email: z.email({ message: "must be an email address" }).transform((e) => e.toLowerCase()),
  // Length and common-password rules are the server's password policy (400 WEAK_PASSWORD).
  password: z.string().max(200, { message: "password is at most 200 characters" }),
  role: roleSchema,
  /** Terminals this user may invoice on; empty = all. */
  terminalIds: z.array(idSchema).max(500).default([]),
  active: z.boolean().default(true),
});
export const userPatchSchema = patchOf(userInputSchema);
export const userSchema = z.object({
  ...versionedFields,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  terminalIds: z.array(idSchema),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const companySchema = z.object({
  id: idSchema,
  name: z.string(),
  nit: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  maxOfflineAgeDays: z.number().int(),
  identifiedClientThreshold: moneySchema.nullable(),
  // Company settings (issue 11, "Empresa"); the till prints them on its receipts.
  address: z.string(),
  phone: z.string(),
  taxRegime: taxRegimeSchema,
  receiptHeader: z.string(),
  receiptFooter: z.string(),
  deviceSilentMinutes: z.number().int(),
  /** Inventory (issue 14): warn at the till before selling an item whose last known stock is zero or less. */
  blockSaleAtZeroStock: z.boolean().default(false),
});
export type Company = z.infer<typeof companySchema>;
