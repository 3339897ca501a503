import {
  type Numbering,
  numberingSchema,
  type PaymentMethod,
  type PriceList,
  patchOf,
  paymentMethodSchema,
  priceListSchema,
  type Terminal,
  terminalInputSchema,
  terminalSchema,
  type Warehouse,
  warehouseSchema,
} from "@mostrador/domain";
import { TerminalDevices } from "../../devices/TerminalDevices";
import { useI18n } from "../../i18n/i18n";
import { type CatalogConfig, CatalogScreen } from "../catalog/CatalogScreen";
import { CheckField, ChoiceList, Field } from "../form/fields";
import { useReferenceList } from "../list/ListScreen";
import { useBackOfficeApi } from "../shared/backOfficeApi";

type TerminalValues = {
  name: string;
  numberingId: string;
  warehouseId: string;
  paymentMethodIds: string[];
  priceListId: string;
  active: boolean;
  requiresShift: boolean;
  blockOfflineElectronic: boolean;
};

const patchSchema = patchOf(terminalInputSchema);

function configFor(
  numberings: readonly Numbering[],
  warehouses: readonly Warehouse[],
): CatalogConfig<Terminal, TerminalValues> {
  const nameOf = (rows: readonly { id: string; name: string }[], id: string) =>
    rows.find((r) => r.id === id)?.name ?? "—";
  return {
    resource: "terminals",
    basePath: "/admin/cajas",
    listLabelKey: "bo.menu.terminals",
    newLabelKey: "bo.terminals.new",
    rowSchema: terminalSchema,
    schemaFor: (row) => (row ? patchSchema : terminalInputSchema),
    empty: {
      name: "",
      numberingId: "",
      warehouseId: "",
      paymentMethodIds: [],
      priceListId: "",
      active: true,
      requiresShift: true,
      blockOfflineElectronic: false,
    },
    toValues: (x) => ({
      name: x.name,
      numberingId: x.numberingId,
      warehouseId: x.warehouseId,
      paymentMethodIds: x.paymentMethodIds,
      priceListId: x.priceListId ?? "",
      active: x.active,
      requiresShift: x.requiresShift,
      blockOfflineElectronic: x.blockOfflineElectronic,
    }),
    toInput: (v) => ({ ...v, priceListId: v.priceListId || null }),
    fields: [
      "name",
      "numberingId",
      "warehouseId",
      "paymentMethodIds",
      "priceListId",
      "active",
      "requiresShift",
      "blockOfflineElectronic",
    ],
    columns: [
      { key: "name", labelKey: "bo.field.name", sort: "name", render: (x) => x.name },
      { key: "numbering", labelKey: "bo.terminals.numbering", render: (x) => nameOf(numberings, x.numberingId) },
      { key: "warehouse", labelKey: "bo.terminals.warehouse", render: (x) => nameOf(warehouses, x.warehouseId) },
    ],
  };
}

/** Cajas (/admin/cajas): numbering, warehouse, payment methods, shift; the devices registered on each. */
export default function TerminalsScreen() {
  const { t } = useI18n();
  const api = useBackOfficeApi();
  const numberings = useReferenceList<Numbering>("numberings", numberingSchema);
  const warehouses = useReferenceList<Warehouse>("warehouses", warehouseSchema);
  const methods = useReferenceList<PaymentMethod>("payment-methods", paymentMethodSchema);
  const priceLists = useReferenceList<PriceList>("price-lists", priceListSchema);
  const select = (
    rows: readonly { id: string; name: string; active: boolean }[],
    value: string,
    onChange: (id: string) => void,
    control: object,
    emptyLabel: string,
  ) => (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {rows.map((r) => (
        <option key={r.id} value={r.id} disabled={!r.active && r.id !== value}>
          {r.name}
        </option>
      ))}
    </select>
  );
  return (
    <CatalogScreen
      config={configFor(numberings, warehouses)}
      renderAside={(row) => (
        <TerminalDevices userToken={api.token} timeZone={api.timeZone} terminalId={row.id} terminalName={row.name} />
      )}
      renderFields={({ values, set, problems, row }) => (
        <>
          <div className="bo-form__grid">
            <Field labelKey="bo.field.name" problem={problems.name} grow>
              {(control) => <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} />}
            </Field>
            <Field labelKey="bo.terminals.numbering" problem={problems.numberingId}>
              {(control) =>
                select(numberings, values.numberingId, (id) => set("numberingId", id), control, t("bo.form.choose"))
              }
            </Field>
            <Field labelKey="bo.terminals.warehouse" problem={problems.warehouseId}>
              {(control) =>
                select(warehouses, values.warehouseId, (id) => set("warehouseId", id), control, t("bo.form.choose"))
              }
            </Field>
            <Field labelKey="bo.terminals.priceList" problem={problems.priceListId}>
              {(control) =>
                select(
                  priceLists,
                  values.priceListId,
                  (id) => set("priceListId", id),
                  control,
                  t("bo.terminals.noPriceList"),
                )
              }
            </Field>
          </div>
          <ChoiceList
            labelKey="bo.terminals.paymentMethods"
            options={methods}
            selected={values.paymentMethodIds}
            onChange={(ids) => set("paymentMethodIds", ids)}
            problem={problems.paymentMethodIds}
          />
          <CheckField
            labelKey="bo.terminals.requiresShift"
            checked={values.requiresShift}
            onChange={(c) => set("requiresShift", c)}
          />
          <CheckField
            labelKey="bo.terminals.blockOfflineElectronic"
            checked={values.blockOfflineElectronic}
            onChange={(c) => set("blockOfflineElectronic", c)}
          />
          {!row && <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />}
        </>
      )}
    />
  );
}
