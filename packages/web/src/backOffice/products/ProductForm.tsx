import {
  type Category,
  categorySchema,
  type Kardex,
  kardexSchema,
  type Product,
  patchOf,
  productInputSchema,
  productSchema,
  type Tax,
  type TileColor,
  taxSchema,
  tileColors,
  type Warehouse,
  warehouseSchema,
} from "@mostrador/domain";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { CheckField, Field } from "../form/fields";
import { RecordPage } from "../form/RecordPage";
import { useRecordEditor } from "../form/useRecordEditor";
import { useReferenceList } from "../list/ListScreen";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import { BarcodeField } from "./BarcodeField";
import { moneyInputText, parseMoneyInput, priceBothWays } from "./priceWithTax";

const PATH = "/admin/productos";
const productPatchSchema = patchOf(productInputSchema);
const FIELDS = [
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
] as const;

type ProductValues = {
  name: string;
  reference: string;
  barcode: string;
  categoryId: string;
  price: string;
  priceIncludesTax: boolean;
  taxId: string;
  active: boolean;
  trackStock: boolean;
  tileColor: TileColor | "";
};

const empty: ProductValues = {
  name: "",
  reference: "",
  barcode: "",
  categoryId: "",
  price: "",
  priceIncludesTax: true,
  taxId: "",
  active: true,
  trackStock: false,
  tileColor: "",
};

function toValues(p: Product): ProductValues {
  return {
    name: p.name,
    reference: p.reference,
    barcode: p.barcode ?? "",
    categoryId: p.categoryId ?? "",
    price: moneyInputText(p.price),
    priceIncludesTax: p.priceIncludesTax,
    taxId: p.taxId,
    active: p.active,
    trackStock: p.trackStock,
    tileColor: p.tileColor ?? "",
  };
}

/** Money as typed: null when empty (required), NaN when not an amount ("Escribe un número"). */
export function moneyFromText(text: string): number | null {
  if (!text.trim()) return null;
  return parseMoneyInput(text) ?? Number.NaN;
}

function toInput(v: ProductValues): Record<string, unknown> {
  // Stock is read here, never written: it is left out so a save cannot overwrite movements.
  return {
    name: v.name,
    reference: v.reference,
    barcode: v.barcode.trim() || null,
    categoryId: v.categoryId || null,
    price: moneyFromText(v.price),
    priceIncludesTax: v.priceIncludesTax,
    taxId: v.taxId,
    active: v.active,
    trackStock: v.trackStock,
    tileColor: v.tileColor || null,
  };
}

const schemaFor = (row: Product | null) => (row ? productPatchSchema : productInputSchema.omit({ stock: true }));

export function ProductForm({ id }: { id: string }) {
  const { t, money } = useI18n();
  const taxes = useReferenceList<Tax>("taxes", taxSchema);
  const categories = useReferenceList<Category>("categories", categorySchema);
  const warehouses = useReferenceList<Warehouse>("warehouses", warehouseSchema);
  const editor = useRecordEditor<Product, ProductValues>({
    resource: "products",
    basePath: PATH,
    id,
    rowSchema: productSchema,
    schemaFor,
    empty,
    toValues,
    toInput: useCallback(toInput, []),
    fields: FIELDS,
  });
  const { values, set, problems, row } = editor;
  const tax = taxes.find((x) => x.id === values.taxId);
  const price = parseMoneyInput(values.price);
  const both = price !== null && tax ? priceBothWays(price, values.priceIncludesTax, tax.rateBp) : null;

  return (
    <RecordPage
      editor={editor}
      basePath={PATH}
      listLabelKey="bo.menu.products"
      newTitleKey="bo.products.new"
      title={row?.name ?? ""}
      auditEntity="products"
      conflictTitleKey="bo.products.conflict"
      aside={row && <StockTable product={row} warehouses={warehouses} />}
    >
      <div className="bo-form__grid">
        <Field labelKey="bo.field.name" problem={problems.name} grow>
          {(control) => (
            <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} maxLength={200} />
          )}
        </Field>
        <Field labelKey="bo.field.reference" problem={problems.reference}>
          {(control) => (
            <input {...control} value={values.reference} onChange={(e) => set("reference", e.target.value)} />
          )}
        </Field>
        <BarcodeField
          value={values.barcode}
          onChange={(text) => set("barcode", text)}
          problem={problems.barcode}
          productId={row?.id ?? null}
        />
        <Field labelKey="bo.field.category" problem={problems.categoryId}>
          {(control) => (
            <select {...control} value={values.categoryId} onChange={(e) => set("categoryId", e.target.value)}>
              <option value="">{t("bo.products.noCategory")}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id} disabled={!c.active && c.id !== values.categoryId}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          labelKey={values.priceIncludesTax ? "bo.products.priceWithTax" : "bo.products.priceWithoutTax"}
          problem={problems.price}
          hint={
            both &&
            tax &&
            (values.priceIncludesTax
              ? t("bo.products.withoutTaxIs", {
                  amount: money(both.withoutTax),
                  tax: tax.name,
                  taxAmount: money(both.tax),
                })
              : t("bo.products.withTaxIs", { amount: money(both.withTax), tax: tax.name, taxAmount: money(both.tax) }))
          }
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={values.price}
              onChange={(e) => set("price", e.target.value)}
              placeholder="12.500"
            />
          )}
        </Field>
        <Field labelKey="bo.products.tileColor" problem={problems.tileColor}>
          {(control) => (
            <select
              {...control}
              value={values.tileColor}
              onChange={(e) => set("tileColor", e.target.value as TileColor | "")}
            >
              <option value="">{t("bo.products.tileColor.none")}</option>
              {tileColors.map((color) => (
                <option key={color} value={color}>
                  {t(`bo.products.tileColor.${color}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field labelKey="bo.field.tax" problem={problems.taxId}>
          {(control) => (
            <select {...control} value={values.taxId} onChange={(e) => set("taxId", e.target.value)}>
              <option value="">{t("bo.form.choose")}</option>
              {taxes.map((x) => (
                <option key={x.id} value={x.id} disabled={!x.active && x.id !== values.taxId}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <CheckField
        labelKey="bo.products.priceIncludesTax"
        checked={values.priceIncludesTax}
        onChange={(checked) => set("priceIncludesTax", checked)}
      />
      <CheckField
        labelKey="bo.products.trackStock"
        checked={values.trackStock}
        onChange={(checked) => set("trackStock", checked)}
      />
      {!row && (
        <CheckField labelKey="bo.field.active" checked={values.active} onChange={(checked) => set("active", checked)} />
      )}
    </RecordPage>
  );
}

/** Units on hand per warehouse from the inventory ledger (issue 14), read only; the kárdex has the movements. */
function StockTable({ product }: { product: Product; warehouses: readonly Warehouse[] }) {
  const { t, number } = useI18n();
  const api = useBackOfficeApi();
  const [balances, setBalances] = useState<Kardex["balances"] | null>(null);
  useEffect(() => {
    let current = true;
    api
      .send(kardexSchema, "stock", "GET", `/api/inventory/products/${product.id}/kardex?limit=1`)
      .then((k) => current && setBalances(k.balances))
      .catch(() => current && setBalances(null));
    return () => {
      current = false;
    };
  }, [api.send, product.id]);
  return (
    <aside className="card bo-aside">
      <h2>{t("bo.products.stock")}</h2>
      {!product.trackStock && <p className="muted">{t("bo.products.stockNotTracked")}</p>}
      <table className="bo-table">
        <tbody>
          {(balances ?? []).map((b) => (
            <tr key={b.warehouseId}>
              <td>{b.warehouseName}</td>
              <td className="numeric">{number(b.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t("bo.products.stockReadOnly")}</p>
      <button type="button" className="link-button" onClick={() => goTo(`/admin/inventario/kardex/${product.id}`)}>
        {t("inv.kardex")}
      </button>
    </aside>
  );
}
