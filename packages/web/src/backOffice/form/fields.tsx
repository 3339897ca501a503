import { type ReactNode, useId } from "react";
import { type I18n, type MessageKey, useI18n } from "../../i18n/i18n";
import type { FieldProblem } from "../shared/formErrors";

/** A field problem in the shop owner's words. */
export function problemText(t: I18n["t"], problem: FieldProblem, formatHint?: MessageKey): string {
  switch (problem.rule) {
    case "required":
      return t("bo.error.required");
    case "tooShort":
      return t("bo.error.tooShort", { min: problem.min });
    case "tooLong":
      return t("bo.error.tooLong", { max: problem.max });
    case "tooLow":
      return t("bo.error.tooLow", { min: problem.min });
    case "tooHigh":
      return t("bo.error.tooHigh", { max: problem.max });
    case "number":
      return t("bo.error.number");
    case "wholeNumber":
      return t("bo.error.wholeNumber");
    case "email":
      return t("bo.error.email");
    case "choose":
      return t("bo.error.choose");
    case "chooseAtLeast":
      return t("bo.error.chooseAtLeast", { min: problem.min });
    case "format":
      return formatHint ? t(formatHint) : t("bo.error.format");
    case "characters":
      return t("bo.error.characters");
    case "duplicate":
      return t("bo.error.duplicate");
    case "nitCheckDigit":
      return t("bo.error.nitCheckDigit", { digit: problem.digit });
    case "commonPassword":
      return t("bo.error.commonPassword");
    case "other":
      return t("bo.error.other", { detail: problem.detail });
  }
}

/** Label, control and, right under it, what is wrong with it (linked by aria-describedby). */
export function Field({
  labelKey,
  problem,
  formatHint,
  hint,
  children,
  grow,
}: {
  labelKey: MessageKey;
  problem?: FieldProblem;
  formatHint?: MessageKey;
  hint?: ReactNode;
  grow?: boolean;
  children: (control: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={grow ? "bo-field bo-field--grow" : "bo-field"}>
      <label htmlFor={id}>{t(labelKey)}</label>
      {children({ id, "aria-invalid": Boolean(problem), "aria-describedby": problem ? errorId : undefined })}
      {hint && <span className="bo-field__hint">{hint}</span>}
      {problem && (
        <span id={errorId} className="bo-field__error" role="alert">
          {problemText(t, problem, formatHint)}
        </span>
      )}
    </div>
  );
}

/** A checkbox with its label on the right. */
export function CheckField({
  labelKey,
  checked,
  onChange,
  disabled,
}: {
  labelKey: MessageKey;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <label className="bo-check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>{t(labelKey)}</span>
    </label>
  );
}

/** Several choices out of a list (terminals allowed, payment methods): checkboxes in a group. */
export function ChoiceList({
  labelKey,
  options,
  selected,
  onChange,
  problem,
  emptyMeansAllKey,
}: {
  labelKey: MessageKey;
  options: readonly { id: string; name: string }[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  problem?: FieldProblem;
  emptyMeansAllKey?: MessageKey;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="bo-choices" aria-invalid={Boolean(problem)}>
      <legend>{t(labelKey)}</legend>
      {emptyMeansAllKey && <span className="bo-field__hint">{t(emptyMeansAllKey)}</span>}
      {options.map((option) => (
        <label key={option.id} className="bo-check">
          <input
            type="checkbox"
            checked={selected.includes(option.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, option.id] : selected.filter((id) => id !== option.id))
            }
          />
          <span>{option.name}</span>
        </label>
      ))}
      {problem && (
        <span className="bo-field__error" role="alert">
          {problemText(t, problem)}
        </span>
      )}
    </fieldset>
  );
}
