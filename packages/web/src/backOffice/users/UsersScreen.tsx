import {
  type Role,
  roleSchema,
  type Terminal,
  terminalSchema,
  type User,
  userInputSchema,
  userPatchSchema,
  userSchema,
} from "@mostrador/domain";
import type { z } from "zod";
import { type I18n, useI18n } from "../../i18n/i18n";
import { type CatalogConfig, CatalogScreen } from "../catalog/CatalogScreen";
import { CheckField, ChoiceList, Field } from "../form/fields";
import { useReferenceList } from "../list/ListScreen";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import { MIN_PASSWORD_LENGTH } from "../shared/formErrors";

type UserValues = {
  name: string;
  email: string;
  role: Role;
  terminalIds: string[];
  active: boolean;
  password: string;
};

/** The password policy checked as typed (the server checks it too, and the common-password list). */
function withPasswordPolicy<S extends z.ZodType>(schema: S, required: boolean): z.ZodType {
  return schema.superRefine((input, ctx) => {
    const password = (input as { password?: string }).password ?? "";
    if (!required && password === "") return;
    if ([...password].length < MIN_PASSWORD_LENGTH)
      ctx.addIssue({
        code: "too_small",
        origin: "string",
        minimum: MIN_PASSWORD_LENGTH,
        inclusive: true,
        path: ["password"],
        input: password,
      });
  });
}

const createSchema = withPasswordPolicy(userInputSchema, true);
const changeSchema = withPasswordPolicy(userPatchSchema, false);

function configFor(t: I18n["t"], selfId: string): CatalogConfig<User, UserValues> {
  return {
    resource: "users",
    basePath: "/admin/usuarios",
    listLabelKey: "bo.menu.users",
    newLabelKey: "bo.users.new",
    rowSchema: userSchema,
    schemaFor: (row) => (row ? changeSchema : createSchema),
    empty: { name: "", email: "", role: "cashier", terminalIds: [], active: true, password: "" },
    toValues: (u) => ({
      name: u.name,
      email: u.email,
      role: u.role,
      terminalIds: u.terminalIds,
      active: u.active,
      password: "",
    }),
    // An empty password on an existing user means "unchanged": it is not sent.
    toInput: (v, row) => ({
      name: v.name,
      email: v.email,
      role: v.role,
      terminalIds: v.terminalIds,
      active: v.active,
      ...(row && v.password === "" ? {} : { password: v.password }),
    }),
    fields: ["name", "email", "role", "terminalIds", "active", "password"],
    columns: [
      { key: "name", labelKey: "bo.field.name", sort: "name", render: (u) => u.name },
      { key: "email", labelKey: "bo.users.email", sort: "email", render: (u) => u.email },
      { key: "role", labelKey: "bo.users.role", sort: "role", render: (u) => t(`bo.users.role.${u.role}`) },
    ],
    filters: [
      {
        key: "role",
        labelKey: "bo.users.role",
        options: roleSchema.options.map((role) => ({ value: role, label: t(`bo.users.role.${role}`) })),
      },
    ],
    canDeactivate: (u) => u.id !== selfId,
  };
}

/** Usuarios (/admin/usuarios): role, terminals allowed, active, set or reset the password. */
export default function UsersScreen() {
  const { t } = useI18n();
  const api = useBackOfficeApi();
  const terminals = useReferenceList<Terminal>("terminals", terminalSchema);
  return (
    <CatalogScreen
      config={configFor(t, api.user.id)}
      renderFields={({ values, set, problems, row }) => {
        const self = row?.id === api.user.id;
        return (
          <>
            <div className="bo-form__grid">
              <Field labelKey="bo.field.name" problem={problems.name} grow>
                {(control) => <input {...control} value={values.name} onChange={(e) => set("name", e.target.value)} />}
              </Field>
              <Field labelKey="bo.users.email" problem={problems.email}>
                {(control) => (
                  <input
                    {...control}
                    type="email"
                    autoComplete="off"
                    value={values.email}
                    onChange={(e) => set("email", e.target.value)}
                  />
                )}
              </Field>
              <Field labelKey="bo.users.role" problem={problems.role} hint={self ? t("bo.users.selfRole") : undefined}>
                {(control) => (
                  <select
                    {...control}
                    value={values.role}
                    disabled={self}
                    onChange={(e) => set("role", e.target.value as Role)}
                  >
                    {roleSchema.options.map((role) => (
                      <option key={role} value={role}>
                        {t(`bo.users.role.${role}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                labelKey={row ? "bo.users.newPassword" : "bo.users.password"}
                problem={problems.password}
                hint={t(row ? "bo.users.passwordKeep" : "bo.users.passwordPolicy", { min: MIN_PASSWORD_LENGTH })}
              >
                {(control) => (
                  <input
                    {...control}
                    type="password"
                    autoComplete="new-password"
                    value={values.password}
                    onChange={(e) => set("password", e.target.value)}
                  />
                )}
              </Field>
            </div>
            <ChoiceList
              labelKey="bo.users.terminals"
              options={terminals}
              selected={values.terminalIds}
              onChange={(ids) => set("terminalIds", ids)}
              problem={problems.terminalIds}
              emptyMeansAllKey="bo.users.terminalsAll"
            />
            {self && <p className="muted">{t("bo.users.selfDeactivate")}</p>}
            {!row && (
              <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />
            )}
          </>
        );
      }}
    />
  );
}
