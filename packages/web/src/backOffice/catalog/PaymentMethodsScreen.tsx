import {
  type PaymentMethod,
  type PaymentMethodKind,
  patchOf,
  paymentMethodInputSchema,
  paymentMethodKindSchema,
  paymentMethodSchema,
} from "@mostrador/domain";
import { type I18n, useI18n } from "../../i18n/i18n";
import { CheckField, Field } from "../form/fields";
import { type CatalogConfig, CatalogScreen } from "./CatalogScreen";

type MethodValues = { name: string; kind: PaymentMethodKind; active: boolean };
const patchSchema = patchOf(paymentMethodInputSchema);

function configFor(t: I18n["t"]): CatalogConfig<PaymentMethod, MethodValues> {
  return {
    resource: "payment-methods",
    basePath: "/admin/metodos-de-pago",
    listLabelKey: "bo.menu.paymentMethods",
    newLabelKey: "bo.paymentMethods.new",
    rowSchema: paymentMethodSchema,
    schemaFor: (row) => (row ? patchSchema : paymentMethodInputSchema),
    empty: { name: "", kind: "cash", active: true },
    toValues: (row) => ({ name: row.name, kind: row.kind, active: row.active }),
    toInput: (v) => ({ name: v.name, kind: v.kind, active: v.active }),
    fields: ["name", "kind", "active"],
    columns: [
      { key: "name", labelKey: "bo.field.name", sort: "name", render: (row) => row.name },
      { key: "kind", labelKey: "bo.paymentMethods.kind", render: (row) => t(`bo.paymentMethods.kind.${row.kind}`) },
    ],
  };
}

/** Métodos de pago (/admin/metodos-de-pago). */
export default function PaymentMethodsScreen() {
  const { t } = useI18n();
  return (
    <CatalogScreen
      config={configFor(t)}
      renderFields={({ values, set, problems, row }) => (
        <div className="bo-form__grid">
          <Field labelKey="bo.field.name" problem={problems.name} grow>
            {(control) => <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} />}
          </Field>
          <Field labelKey="bo.paymentMethods.kind" problem={problems.kind}>
            {(control) => (
              <select
                {...control}
                value={values.kind}
                onChange={(e) => set("kind", e.target.value as PaymentMethodKind)}
              >
                {paymentMethodKindSchema.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`bo.paymentMethods.kind.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {!row && <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />}
        </div>
      )}
    />
  );
}
