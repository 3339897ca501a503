import { useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { type DiscountEntry, type DiscountMode, formatDiscountInput, parseDiscountInput } from "./discountInput";

interface DiscountFieldProps {
  /** What the sale has now (null: no discount). */
  value: DiscountEntry | null;
  label: string;
  className?: string;
  onChange: (entry: DiscountEntry) => void;
}

/**
 * A discount typed as "10 %" or "$ 2.000" (a bare number in the mode the % / $ button shows). The
 * text is read when the field is left or Enter is pressed, so "$ 2.0" on the way to "$ 2.000" never
 * reaches the sale; an unreadable entry is marked invalid and changes nothing.
 */
export function DiscountField({ value, label, className, onChange }: DiscountFieldProps) {
  const { t } = useI18n();
  const [mode, setMode] = useState<DiscountMode>(value?.mode ?? "percent");
  const [text, setText] = useState(formatDiscountInput(value));
  const [invalid, setInvalid] = useState(false);
  const shown = formatDiscountInput(value);
  const valueMode = value?.mode;
  // The sale changed from outside (another field, "Editar"): show it; typing alone changes nothing.
  useEffect(() => {
    setText(shown);
    setInvalid(false);
    if (valueMode) setMode(valueMode);
  }, [shown, valueMode]);

  const commit = (nextMode: DiscountMode = mode) => {
    const entry = parseDiscountInput(text, nextMode);
    if (!entry) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setMode(entry.mode);
    onChange(entry);
    setText(formatDiscountInput(entry));
  };
  const otherMode: DiscountMode = mode === "percent" ? "amount" : "percent";
  return (
    <span className={`discount-field ${className ?? ""}`}>
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        aria-label={label}
        aria-invalid={invalid || undefined}
        placeholder={mode === "percent" ? "0 %" : "$ 0"}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => commit()}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
      <button
        type="button"
        className="button button--icon discount-field__mode"
        aria-label={t(mode === "percent" ? "sale.discountModeToAmount" : "sale.discountModeToPercent", {
          field: label,
        })}
        onClick={() => {
          setMode(otherMode);
          // A number already typed is read again in the other mode ("10" → 10 % or $ 10).
          const bare = text.replace(/[%$\s]/g, "");
          if (bare !== "") {
            const entry = parseDiscountInput(bare, otherMode);
            if (entry) {
              onChange(entry);
              setText(formatDiscountInput(entry));
              setInvalid(false);
            }
          }
        }}
      >
        {mode === "percent" ? "%" : "$"}
      </button>
    </span>
  );
}
