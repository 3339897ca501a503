import {
  type Category,
  categoryInputSchema,
  categorySchema,
  patchOf,
  type Warehouse,
  warehouseInputSchema,
  warehouseSchema,
} from "@mostrador/domain";
import type { MessageKey } from "../../i18n/i18n";
import { CheckField, Field } from "../form/fields";
import type { RecordEditor } from "../form/useRecordEditor";
import { type CatalogConfig, CatalogScreen } from "./CatalogScreen";

type NameValues = { name: string; active: boolean };

/** Categorías and Bodegas: a name and whether it is active. */
function nameOnlyConfig<Row extends { id: string; version: number; name: string; active: boolean }>(options: {
  resource: string;
  basePath: string;
  listLabelKey: MessageKey;
  newLabelKey: MessageKey;
  rowSchema: CatalogConfig<Row, NameValues>["rowSchema"];
  inputSchema: typeof categoryInputSchema | typeof warehouseInputSchema;
}): CatalogConfig<Row, NameValues> {
  const patchSchema = patchOf(options.inputSchema);
  return {
    ...options,
    schemaFor: (row) => (row ? patchSchema : options.inputSchema),
    empty: { name: "", active: true },
    toValues: (row) => ({ name: row.name, active: row.active }),
    toInput: (v) => ({ name: v.name, active: v.active }),
    fields: ["name", "active"],
    columns: [{ key: "name", labelKey: "bo.field.name", sort: "name", render: (row) => row.name }],
  };
}

export function renderNameFields<Row extends { id: string; version: number }>(editor: RecordEditor<Row, NameValues>) {
  const { values, set, problems, row } = editor;
  return (
    <>
      <Field labelKey="bo.field.name" problem={problems.name} grow>
        {(control) => <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      {!row && <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />}
    </>
  );
}

export const categoriesConfig = nameOnlyConfig<Category>({
  resource: "categories",
  basePath: "/admin/categorias",
  listLabelKey: "bo.menu.categories",
  newLabelKey: "bo.categories.new",
  rowSchema: categorySchema,
  inputSchema: categoryInputSchema,
});

export const warehousesConfig = nameOnlyConfig<Warehouse>({
  resource: "warehouses",
  basePath: "/admin/bodegas",
  listLabelKey: "bo.menu.warehouses",
  newLabelKey: "bo.warehouses.new",
  rowSchema: warehouseSchema,
  inputSchema: warehouseInputSchema,
});

export function NameOnlyScreen<Row extends { id: string; version: number; name: string; active: boolean }>({
  config,
}: {
  config: CatalogConfig<Row, NameValues>;
}) {
  return <CatalogScreen config={config} renderFields={renderNameFields} />;
}
