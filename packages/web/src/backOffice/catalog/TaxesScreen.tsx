import { patchOf, type Tax, type TaxKind, taxInputSchema, taxKindSchema, taxSchema } from "@mostrador/domain";
import { useI18n } from "../../i18n/i18n";
import { CheckField, Field } from "../form/fields";
import { type CatalogConfig, CatalogScreen } from "./CatalogScreen";

type TaxValues = { name: string; kind: TaxKind; rate: string; active: boolean };

/** "19" or "19,5" percent → basis points (1900, 1950); NaN when it is not a percentage with up to 2 decimals. */
export function percentTextToBp(text: string): number | null {
  const t = text.trim().replace(",", ".").replace("%", "").trim();
  if (!t) return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

export function bpToPercentText(bp: number): string {
  return (bp / 100).toString().replace(".", ",");
}

const patchSchema = patchOf(taxInputSchema);

const config: CatalogConfig<Tax, TaxValues> = {
  resource: "taxes",
  basePath: "/admin/impuestos",
  listLabelKey: "bo.menu.taxes",
  newLabelKey: "bo.taxes.new",
  rowSchema: taxSchema,
  schemaFor: (row) => (row ? patchSchema : taxInputSchema),
  empty: { name: "", kind: "IVA", rate: "", active: true },
  toValues: (row) => ({ name: row.name, kind: row.kind, rate: bpToPercentText(row.rateBp), active: row.active }),
  toInput: (v) => ({ name: v.name, kind: v.kind, rateBp: percentTextToBp(v.rate), active: v.active }),
  fields: ["name", "kind", "rateBp", "active"],
  columns: [
    { key: "name", labelKey: "bo.field.name", sort: "name", render: (row) => row.name },
    { key: "kind", labelKey: "bo.taxes.kind", render: (row) => row.kind },
    { key: "rate", labelKey: "bo.taxes.rate", numeric: true, render: (row) => `${bpToPercentText(row.rateBp)} %` },
  ],
};

/** Impuestos (/admin/impuestos): IVA 19 %, 5 %, exento, INC 8 %…; one in use can only be deactivated. */
export default function TaxesScreen() {
  const { t } = useI18n();
  return (
    <CatalogScreen
      config={config}
      renderFields={({ values, set, problems, row }) => (
        <div className="bo-form__grid">
          <Field labelKey="bo.field.name" problem={problems.name} grow>
            {(control) => <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} />}
          </Field>
          <Field labelKey="bo.taxes.kind" problem={problems.kind}>
            {(control) => (
              <select {...control} value={values.kind} onChange={(e) => set("kind", e.target.value as TaxKind)}>
                {taxKindSchema.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`bo.taxes.kind.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field labelKey="bo.taxes.rate" problem={problems.rateBp} formatHint="bo.taxes.rateHint">
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                value={values.rate}
                onChange={(e) => set("rate", e.target.value)}
              />
            )}
          </Field>
          {!row && <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />}
        </div>
      )}
    />
  );
}
