import { type PriceList, patchOf, priceListInputSchema, priceListSchema } from "@mostrador/domain";
import { type CatalogConfig, CatalogScreen } from "../catalog/CatalogScreen";
import { CheckField, Field } from "../form/fields";
import { moneyFromText } from "../products/ProductForm";
import { moneyInputText } from "../products/priceWithTax";
import { PriceListPrices } from "./PriceListPrices";

export type PriceListValues = {
  name: string;
  active: boolean;
  prices: { productId: string; price: string }[];
};

const patchSchema = patchOf(priceListInputSchema);

const config: CatalogConfig<PriceList, PriceListValues> = {
  resource: "price-lists",
  basePath: "/admin/listas-de-precios",
  listLabelKey: "bo.menu.priceLists",
  newLabelKey: "bo.priceLists.new",
  rowSchema: priceListSchema,
  schemaFor: (row) => (row ? patchSchema : priceListInputSchema),
  empty: { name: "", active: true, prices: [] },
  toValues: (x) => ({
    name: x.name,
    active: x.active,
    prices: x.prices.map((p) => ({ productId: p.productId, price: moneyInputText(p.price) })),
  }),
  toInput: (v) => ({
    name: v.name,
    active: v.active,
    prices: v.prices.map((p) => ({ productId: p.productId, price: moneyFromText(p.price) })),
  }),
  fields: ["name", "active", "prices"],
  columns: [
    { key: "name", labelKey: "bo.field.name", sort: "name", render: (x) => x.name },
    { key: "count", labelKey: "bo.priceLists.count", numeric: true, render: (x) => x.prices.length },
  ],
};

/** Listas de precios (/admin/listas-de-precios): special prices per product. */
export default function PriceListsScreen() {
  return (
    <CatalogScreen
      config={config}
      renderFields={({ values, set, problems, row }) => (
        <>
          <Field labelKey="bo.field.name" problem={problems.name} grow>
            {(control) => <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} />}
          </Field>
          {!row && <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />}
          <PriceListPrices
            prices={values.prices}
            onChange={(prices) => set("prices", prices)}
            problem={problems.prices}
          />
        </>
      )}
    />
  );
}
