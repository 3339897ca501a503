import type { ImportEntity } from "@mostrador/domain";

/**
 * The columns of the CSV files: which header names (Spanish and English, as shop owners and other
 * POS exports write them) map to which import field, and the header the export writes for each.
 */

/** Import fields of a products file. `priceWithTax`/`priceWithoutTax` carry the tax flag in the header. */
export const productColumnFields = [
  "name",
  "reference",
  "barcode",
  "category",
  "price",
  "priceWithTax",
  "priceWithoutTax",
  "priceIncludesTax",
  "tax",
  "active",
  "trackStock",
] as const;
export type ProductColumn = (typeof productColumnFields)[number];

export const clientColumnFields = ["idType", "idNumber", "name", "email", "phone", "address", "active"] as const;
export type ClientColumn = (typeof clientColumnFields)[number];

/** Header aliases, written as normalizeHeader leaves them (lower case, no accents, single spaces). */
const productAliases: Record<ProductColumn, string[]> = {
  name: ["nombre", "name", "producto", "product", "nombre del producto", "product name", "descripcion", "description"],
  reference: ["referencia", "reference", "ref", "sku", "codigo", "code", "codigo interno", "item code"],
  barcode: ["codigo de barras", "codigo barras", "barcode", "bar code", "ean", "upc", "gtin"],
  category: ["categoria", "category", "linea", "grupo"],
  price: ["precio", "price", "precio de venta", "precio venta", "sale price", "valor", "valor unitario"],
  priceWithTax: [
    "precio con iva",
    "precio con impuesto",
    "precio iva incluido",
    "price with tax",
    "price incl tax",
    "price including tax",
  ],
  priceWithoutTax: [
    "precio sin iva",
    "precio sin impuesto",
    "precio antes de iva",
    "precio base",
    "price without tax",
    "price excl tax",
    "price excluding tax",
    "price before tax",
  ],
  priceIncludesTax: [
    "precio incluye iva",
    "incluye iva",
    "iva incluido",
    "precio incluye impuesto",
    "price includes tax",
    "includes tax",
    "tax included",
  ],
  tax: ["impuesto", "tax", "iva", "tarifa", "tarifa iva", "tax rate", "impuesto iva"],
  active: ["activo", "active", "estado", "status", "habilitado", "enabled"],
  trackStock: [
    "controla inventario",
    "controlar inventario",
    "maneja inventario",
    "inventario",
    "controla stock",
    "track stock",
    "stock tracked",
    "track inventory",
  ],
};

const clientAliases: Record<ClientColumn, string[]> = {
  idType: [
    "tipo de documento",
    "tipo documento",
    "tipo de identificacion",
    "tipo identificacion",
    "tipo de id",
    "tipo id",
    "id type",
    "document type",
  ],
  idNumber: [
    "numero de documento",
    "numero documento",
    "documento",
    "numero de identificacion",
    "numero identificacion",
    "identificacion",
    "cedula",
    "nit",
    "id number",
    "document number",
  ],
  name: ["nombre", "name", "razon social", "nombre o razon social", "cliente", "client", "customer", "full name"],
  email: ["correo", "correo electronico", "email", "e mail", "mail"],
  phone: ["telefono", "celular", "movil", "phone", "mobile", "telephone"],
  address: ["direccion", "address"],
  active: ["activo", "active", "estado", "status", "habilitado", "enabled"],
};

/** Lower case, accents removed, every run of other characters one space: "Código de barras" → "codigo de barras". */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function aliasIndex(aliases: Record<string, string[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases)) for (const n of names) index.set(n, field);
  return index;
}
const productIndex = aliasIndex(productAliases);
const clientIndex = aliasIndex(clientAliases);

/** The field a header names, or null when it is not one the import knows (the column is ignored). */
export function fieldOfHeader(entity: ImportEntity, header: string): string | null {
  const index = entity === "products" ? productIndex : clientIndex;
  return index.get(normalizeHeader(header)) ?? null;
}

export interface ColumnRule {
  /** Fields a file must have; an array means "one of these". */
  required: (string | string[])[];
  /** Fields that cannot appear together (the price stated three ways). */
  exclusive: string[][];
}

export const columnRules: Record<ImportEntity, ColumnRule> = {
  products: {
    required: ["name", ["price", "priceWithTax", "priceWithoutTax"], "tax"],
    exclusive: [["price", "priceWithTax", "priceWithoutTax"]],
  },
  clients: { required: ["idType", "idNumber", "name"], exclusive: [] },
};

/** What the export writes (Spanish, the company's language); each header maps back through fieldOfHeader. */
export const exportHeaders = {
  products: [
    ["name", "Nombre"],
    ["reference", "Referencia"],
    ["barcode", "Código de barras"],
    ["category", "Categoría"],
    ["price", "Precio"],
    ["priceIncludesTax", "Precio incluye IVA"],
    ["tax", "Impuesto"],
    ["active", "Activo"],
    ["trackStock", "Controla inventario"],
  ],
  clients: [
    ["idType", "Tipo de documento"],
    ["idNumber", "Número de documento"],
    ["name", "Nombre"],
    ["email", "Correo"],
    ["phone", "Teléfono"],
    ["address", "Dirección"],
    ["active", "Activo"],
  ],
} as const satisfies Record<ImportEntity, readonly (readonly [string, string])[]>;
