import {
  type Category,
  categorySchema,
  type Product,
  productSchema,
  type Tax,
  taxSchema,
  warehouseSchema,
} from "@mostrador/domain";
import { useRoute } from "wouter";
import { useI18n } from "../../i18n/i18n";
import type { BackOfficeScreenProps } from "../backOfficeRoutes";
import { ListScreen, useReferenceList } from "../list/ListScreen";
import { BulkActions } from "../shared/BulkActions";
import { ProductForm } from "./ProductForm";

export const PRODUCTS_PATH = "/admin/productos";

/** Productos: the list at /admin/productos, one product at /admin/productos/:id ("nuevo" to create). */
export default function ProductsScreen({ userToken }: BackOfficeScreenProps) {
  const [isRecord, params] = useRoute("/:id");
  if (isRecord && params) return <ProductForm id={params.id} />;
  return <ProductList userToken={userToken} />;
}

function ProductList({ userToken }: { userToken: string }) {
  const { t, money } = useI18n();
  const categories = useReferenceList<Category>("categories", categorySchema);
  const taxes = useReferenceList<Tax>("taxes", taxSchema);
  // Loaded so the form's stock table opens without waiting (and the list's filters stay consistent).
  useReferenceList("warehouses", warehouseSchema);
  const nameOf = (rows: readonly { id: string; name: string }[], id: string | null) =>
    (id && rows.find((r) => r.id === id)?.name) || "—";
  return (
    <ListScreen<Product>
      titleKey="bo.menu.products"
      resource="products"
      basePath={PRODUCTS_PATH}
      rowSchema={productSchema}
      newLabelKey="bo.products.new"
      toolbar={<BulkActions userToken={userToken} entity="products" onImported={() => window.location.reload()} />}
      filters={[
        {
          key: "categoryId",
          labelKey: "bo.field.category",
          options: categories.map((c) => ({ value: c.id, label: c.name })),
        },
        { key: "taxId", labelKey: "bo.field.tax", options: taxes.map((x) => ({ value: x.id, label: x.name })) },
      ]}
      columns={[
        { key: "name", labelKey: "bo.field.name", sort: "name", render: (p) => p.name },
        { key: "reference", labelKey: "bo.field.reference", sort: "reference", render: (p) => p.reference || "—" },
        { key: "barcode", labelKey: "bo.field.barcode", sort: "barcode", render: (p) => p.barcode ?? "—" },
        { key: "category", labelKey: "bo.field.category", render: (p) => nameOf(categories, p.categoryId) },
        {
          key: "price",
          labelKey: "bo.field.price",
          sort: "price",
          numeric: true,
          render: (p) => (p.priceIncludesTax ? money(p.price) : `${money(p.price)} ${t("bo.products.plusTax")}`),
        },
        { key: "tax", labelKey: "bo.field.tax", render: (p) => nameOf(taxes, p.taxId) },
      ]}
    />
  );
}
