import { type Numbering, type NumberingKind, numberingKinds, numberingSchema } from "@mostrador/domain";
import { useI18n } from "../../i18n/i18n";
import { NumberingCard } from "../../numbering/NumberingCard";
import type { BackOfficeScreenProps } from "../backOfficeRoutes";
import { type CatalogConfig, CatalogScreen } from "../catalog/CatalogScreen";
import { CheckField, Field } from "../form/fields";
import { useReferenceList } from "../list/ListScreen";
import type { FieldProblem } from "../shared/formErrors";
import {
  electronicFixedFor,
  emptyNumberingValues,
  type NumberingValues,
  numberingProblem,
  numberingSchemaFor,
  numberingToValues,
  numberingValuesToInput,
  withKind,
} from "./numberingForm";

const config: CatalogConfig<Numbering, NumberingValues> = {
  resource: "numberings",
  basePath: "/admin/numeraciones",
  listLabelKey: "bo.menu.numberings",
  newLabelKey: "bo.numberings.new",
  rowSchema: numberingSchema,
  schemaFor: numberingSchemaFor,
  empty: emptyNumberingValues,
  toValues: numberingToValues,
  toInput: numberingValuesToInput,
  fields: [
    "name",
    "kind",
    "prefix",
    "rangeFrom",
    "rangeTo",
    "nextNumber",
    "validFrom",
    "validUntil",
    "resolution",
    "dianAuthorization",
    "electronic",
    "contingencyNumberingId",
    "blockSize",
    "maxUnusedPerDevice",
    "active",
  ],
  columns: [
    { key: "name", labelKey: "bo.field.name", sort: "name", render: (n) => n.name },
    { key: "kind", labelKey: "bo.numberings.kind", render: (n) => <KindLabel kind={n.kind} /> },
    { key: "prefix", labelKey: "bo.numberings.prefix", render: (n) => n.prefix || "—" },
    { key: "range", labelKey: "bo.numberings.range", render: (n) => `${n.rangeFrom}–${n.rangeTo}` },
    { key: "validUntil", labelKey: "bo.numberings.validUntil", render: (n) => n.validUntil },
  ],
};

function KindLabel({ kind }: { kind: NumberingKind }) {
  const { t } = useI18n();
  return <>{t(`bo.numberings.kind.${kind}`)}</>;
}

/**
 * The contingency numbering a DEE POS numbering's tills sell with offline: its list is loaded each time
 * the field appears, so one created a moment ago is there.
 */
function ContingencyField({
  ownId,
  value,
  onChange,
  problem,
}: {
  ownId: string | undefined;
  value: string;
  onChange: (id: string) => void;
  problem: FieldProblem | undefined;
}) {
  const { t } = useI18n();
  const numberings = useReferenceList<Numbering>("numberings", numberingSchema);
  const contingencies = numberings.filter((n) => n.kind === "contingency" && n.id !== ownId);
  return (
    <Field labelKey="bo.numberings.contingency" problem={problem} formatHint="bo.numberings.contingencyHint">
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t("bo.numberings.noContingency")}</option>
          {contingencies.map((n) => (
            <option key={n.id} value={n.id} disabled={!n.active && n.id !== value}>
              {n.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * Numeraciones (/admin/numeraciones): the DIAN resolutions (invoice, credit note, DEE POS,
 * contingency) created and changed here; a numbering's page keeps its usage report per block and till.
 */
export default function NumberingsScreen({ userToken, timeZone }: BackOfficeScreenProps) {
  const { t } = useI18n();
  return (
    <CatalogScreen
      config={config}
      renderAside={(row) => <NumberingCard numbering={row} userToken={userToken} timeZone={timeZone} />}
      renderFields={({ values, set, problems, row }) => {
        const fixed = electronicFixedFor(values.kind);
        const pickKind = (kind: NumberingKind) => {
          const next = withKind(values, kind);
          set("kind", next.kind);
          if (next.electronic !== values.electronic) set("electronic", next.electronic);
        };
        const text = (field: keyof NumberingValues & string, extra?: object) => (control: object) => (
          <input
            {...control}
            {...extra}
            value={values[field] as string}
            onChange={(e) => set(field, e.target.value as never)}
          />
        );
        return (
          <>
            <div className="bo-form__grid">
              <Field labelKey="bo.field.name" problem={problems.name} grow>
                {text("name")}
              </Field>
              <Field labelKey="bo.numberings.kind" problem={problems.kind}>
                {(control) => (
                  <select {...control} value={values.kind} onChange={(e) => pickKind(e.target.value as NumberingKind)}>
                    {numberingKinds.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`bo.numberings.kind.${kind}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field labelKey="bo.numberings.prefix" problem={problems.prefix} formatHint="bo.numberings.prefixHint">
                {text("prefix", { autoCapitalize: "characters" })}
              </Field>
              <Field labelKey="bo.numberings.rangeFrom" problem={problems.rangeFrom}>
                {text("rangeFrom", { inputMode: "numeric" })}
              </Field>
              <Field
                labelKey="bo.numberings.rangeTo"
                problem={numberingProblem(problems.rangeTo)}
                formatHint="bo.numberings.rangeToHint"
              >
                {text("rangeTo", { inputMode: "numeric" })}
              </Field>
              {!row && (
                <Field
                  labelKey="bo.numberings.nextNumber"
                  problem={problems.nextNumber}
                  hint={t("bo.numberings.nextNumberHint")}
                >
                  {text("nextNumber", { inputMode: "numeric" })}
                </Field>
              )}
              <Field labelKey="bo.numberings.validFrom" problem={problems.validFrom}>
                {text("validFrom", { type: "date" })}
              </Field>
              <Field
                labelKey="bo.numberings.validUntil"
                problem={numberingProblem(problems.validUntil)}
                formatHint="bo.numberings.validUntilHint"
              >
                {text("validUntil", { type: "date" })}
              </Field>
              <Field
                labelKey="bo.numberings.dianAuthorization"
                problem={numberingProblem(problems.dianAuthorization)}
                formatHint="bo.numberings.dianAuthorizationHint"
              >
                {text("dianAuthorization", { inputMode: "numeric" })}
              </Field>
              {values.kind === "dee_pos" && (
                <ContingencyField
                  ownId={row?.id}
                  value={values.contingencyNumberingId}
                  onChange={(id) => set("contingencyNumberingId", id)}
                  problem={numberingProblem(problems.contingencyNumberingId)}
                />
              )}
              <Field
                labelKey="bo.numberings.blockSize"
                problem={problems.blockSize}
                hint={t("bo.numberings.blockSizeHint")}
              >
                {text("blockSize", { inputMode: "numeric" })}
              </Field>
              <Field
                labelKey="bo.numberings.maxUnusedPerDevice"
                problem={problems.maxUnusedPerDevice}
                hint={t("bo.numberings.maxUnusedHint")}
              >
                {text("maxUnusedPerDevice", { inputMode: "numeric" })}
              </Field>
              <Field labelKey="bo.numberings.resolution" problem={problems.resolution} grow>
                {(control) => (
                  <textarea
                    {...control}
                    rows={3}
                    value={values.resolution}
                    onChange={(e) => set("resolution", e.target.value)}
                  />
                )}
              </Field>
            </div>
            <CheckField
              labelKey="bo.numberings.electronic"
              checked={fixed ?? values.electronic}
              disabled={fixed !== null}
              onChange={(c) => set("electronic", c)}
            />
            {fixed !== null && <p className="bo-field__hint">{t("bo.numberings.electronicFixed")}</p>}
            {problems.electronic && (
              <p className="bo-field__error" role="alert">
                {problems.electronic.rule === "other" ? problems.electronic.detail : t("bo.error.format")}
              </p>
            )}
            {!row && (
              <CheckField labelKey="bo.field.active" checked={values.active} onChange={(c) => set("active", c)} />
            )}
          </>
        );
      }}
    />
  );
}
