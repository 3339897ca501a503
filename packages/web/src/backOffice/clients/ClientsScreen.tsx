import { type Client, clientIdTypeSchema, clientInputSchema, clientSchema, patchOf } from "@mostrador/domain";
import { useI18n } from "../../i18n/i18n";
import type { BackOfficeScreenProps } from "../backOfficeRoutes";
import { type CatalogConfig, CatalogScreen } from "../catalog/CatalogScreen";
import { CheckField, Field } from "../form/fields";
import { BulkActions } from "../shared/BulkActions";

type IdType = Client["idType"];
type ClientValues = {
  name: string;
  idType: IdType;
  idNumber: string;
  email: string;
  phone: string;
  address: string;
  active: boolean;
};

const patchSchema = patchOf(clientInputSchema);
const orNull = (text: string) => (text.trim() ? text : null);

function configFor(userToken: string): CatalogConfig<Client, ClientValues> {
  return {
    resource: "clients",
    basePath: "/admin/clientes",
    listLabelKey: "bo.menu.clients",
    newLabelKey: "bo.clients.new",
    rowSchema: clientSchema,
    schemaFor: (row) => (row ? patchSchema : clientInputSchema),
    empty: { name: "", idType: "CC", idNumber: "", email: "", phone: "", address: "", active: true },
    toValues: (c) => ({
      name: c.name,
      idType: c.idType,
      idNumber: c.idNumber,
      email: c.email ?? "",
      phone: c.phone ?? "",
      address: c.address ?? "",
      active: c.active,
    }),
    toInput: (v) => ({
      name: v.name,
      idType: v.idType,
      idNumber: v.idNumber,
      email: orNull(v.email),
      phone: orNull(v.phone),
      address: orNull(v.address),
      active: v.active,
    }),
    fields: ["name", "idType", "idNumber", "email", "phone", "address", "active"],
    columns: [
      { key: "name", labelKey: "bo.field.name", sort: "name", render: (c) => c.name },
      { key: "id", labelKey: "bo.clients.idNumber", sort: "idNumber", render: (c) => `${c.idType} ${c.idNumber}` },
      { key: "email", labelKey: "bo.clients.email", render: (c) => c.email ?? "—" },
      { key: "phone", labelKey: "bo.clients.phone", render: (c) => c.phone ?? "—" },
    ],
    filters: [
      {
        key: "idType",
        labelKey: "bo.clients.idType",
        options: clientIdTypeSchema.options.map((type) => ({ value: type, label: type })),
      },
    ],
    toolbar: <BulkActions userToken={userToken} entity="clients" onImported={() => window.location.reload()} />,
  };
}

/** Clientes (/admin/clientes): also those created at the tills. */
export default function ClientsScreen({ userToken }: BackOfficeScreenProps) {
  const { t } = useI18n();
  return (
    <CatalogScreen
      config={configFor(userToken)}
      renderFields={({ values, set, problems, row }) => (
        <div className="bo-form__grid">
          <Field labelKey="bo.field.name" problem={problems.name} grow>
            {(control) => <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} />}
          </Field>
          <Field labelKey="bo.clients.idType" problem={problems.idType}>
            {(control) => (
              <select {...control} value={values.idType} onChange={(e) => set("idType", e.target.value as IdType)}>
                {clientIdTypeSchema.options.map((type) => (
                  <option key={type} value={type}>
                    {t(`bo.clients.idType.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            labelKey="bo.clients.idNumber"
            problem={problems.idNumber}
            formatHint={values.idType === "NIT" ? "bo.clients.nitHint" : "bo.clients.idNumberHint"}
          >
            {(control) => (
              <input {...control} value={values.idNumber} onChange={(e) => set("idNumber", e.target.value)} />
            )}
          </Field>
          <Field labelKey="bo.clients.email" problem={problems.email}>
            {(control) => (
              <input {...control} type="email" value={values.email} onChange={(e) => set("email", e.target.value)} />
            )}
          </Field>
          <Field labelKey="bo.clients.phone" problem={problems.phone}>
            {(control) => (
              <input {...control} type="tel" value={values.phone} onChange={(e) => set("phone", e.target.value)} />
            )}
          </Field>
          <Field labelKey="bo.clients.address" problem={problems.address} grow>
            {(control) => (
              <textarea {...control} rows={2} value={values.address} onChange={(e) => set("address", e.target.value)} />
            )}
          </Field>
          {!row && <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />}
        </div>
      )}
    />
  );
}
