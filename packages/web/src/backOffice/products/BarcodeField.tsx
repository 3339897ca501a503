import { listResponseSchema, productSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { Field } from "../form/fields";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import type { FieldProblem } from "../shared/formErrors";

const CHECK_DEBOUNCE_MS = 400;
const productPage = listResponseSchema(productSchema);

/**
 * "Código de barras", checked as the owner types: another product of the company with the same
 * code is named under the field before saving (the server refuses it anyway: 409 DUPLICATE).
 */
export function BarcodeField({
  value,
  onChange,
  problem,
  productId,
}: {
  value: string;
  onChange: (text: string) => void;
  problem?: FieldProblem;
  productId: string | null;
}) {
  const { t } = useI18n();
  const api = useBackOfficeApi();
  const [takenBy, setTakenBy] = useState<string | null>(null);

  useEffect(() => {
    const code = value.trim();
    setTakenBy(null);
    if (!code) return;
    let current = true;
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ barcode: code, limit: "1" });
      api.send(productPage, "barcode check", "GET", `/api/products?${query}`).then(
        (answer) => {
          const other = answer.items.find((p) => p.id !== productId && p.barcode === code);
          if (current) setTakenBy(other ? other.name : null);
        },
        // A failed check says nothing: the save still gets the server's answer.
        () => undefined,
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value, productId, api.send]);

  return (
    <Field
      labelKey="bo.field.barcode"
      problem={problem}
      hint={
        takenBy && !problem ? (
          <span className="bo-field__error" role="alert">
            {t("bo.products.barcodeTaken", { name: takenBy })}
          </span>
        ) : undefined
      }
    >
      {(control) => (
        <input
          {...control}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          maxLength={64}
          inputMode="numeric"
        />
      )}
    </Field>
  );
}
