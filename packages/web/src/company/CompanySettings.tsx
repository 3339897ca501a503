import {
  type CompanySettingsField,
  companySettingsSchema,
  type CompanySettings as Settings,
  taxRegimes,
} from "@mostrador/domain";
import { useCallback, useEffect, useMemo, useState } from "react";
import { isTransportError } from "../api/transportErrors";
import { type MessageKey, useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import {
  type CompanyFieldErrors,
  type CompanyFormValues,
  fieldErrorsFromServer,
  formValuesOf,
  planCompanyPatch,
} from "./companyForm";
import "../admin/admin.css";
import "./company.css";

type Notice = { tone: "info" | "error"; text: string } | { tone: "conflict"; current: Settings } | null;

const multiline = new Set<CompanySettingsField>(["receiptHeader", "receiptFooter"]);

/**
 * "Empresa": the company's legal details printed on receipts and the tills' rules. An online tool:
 * it reads and writes the server, sends only what changed with the version it loaded, and keeps
 * what was typed when the save fails (field errors, a conflict, no connection).
 */
export default function CompanySettings({ userToken }: { userToken: string; timeZone: string }) {
  const { transport } = useAppServices();
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [values, setValues] = useState<CompanyFormValues | null>(null);
  const [errors, setErrors] = useState<CompanyFieldErrors>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const timeZones = useMemo(() => {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    return supported ? supported("timeZone") : [];
  }, []);

  const load = useCallback(async () => {
    try {
      const settings = await transport.send(companySettingsSchema, "company", "GET", "/api/company", {
        token: userToken,
      });
      setLoaded(settings);
      setValues(formValuesOf(settings));
      setErrors({});
    } catch (error) {
      setNotice({ tone: "error", text: t("company.loadFailed", { message: messageOf(error) }) });
    }
  }, [transport, userToken, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function save(expectedVersion: number) {
    if (!loaded || !values) return;
    const { patch, errors: local } = planCompanyPatch(loaded, values);
    setErrors(local);
    if (Object.keys(local).length > 0) return setNotice({ tone: "error", text: t("company.invalid") });
    if (Object.keys(patch).length === 0) return setNotice({ tone: "info", text: t("company.unchanged") });
    setSaving(true);
    try {
      const saved = await transport.send(companySettingsSchema, "save company", "PATCH", "/api/company", {
        token: userToken,
        body: { ...patch, expectedVersion },
      });
      setLoaded(saved);
      setValues(formValuesOf(saved));
      setNotice({ tone: "info", text: t("company.saved") });
    } catch (error) {
      setNotice(failureNotice(error));
    } finally {
      setSaving(false);
    }
  }

  function failureNotice(error: unknown): Notice {
    if (isTransportError(error)) {
      if (error.code === "CONFLICT") {
        const current = companySettingsSchema.safeParse(
          (error.details.body as { error?: { details?: { current?: unknown } } })?.error?.details?.current,
        );
        if (current.success) return { tone: "conflict", current: current.data };
      }
      if (error.code === "VALIDATION_FAILED") {
        const body = error.details.body as { error?: { details?: unknown } } | undefined;
        setErrors(fieldErrorsFromServer(body?.error?.details));
        return { tone: "error", text: t("company.invalid") };
      }
      if (error.transient) return { tone: "error", text: t("company.offline") };
    }
    return { tone: "error", text: t("company.failed", { message: messageOf(error) }) };
  }

  function reloadCurrent(current: Settings) {
    setLoaded(current);
    setValues(formValuesOf(current));
    setErrors({});
    setNotice(null);
  }

  const field = (name: CompanySettingsField, input: React.ReactNode) => (
    <div className="field company-form__field" key={name}>
      <label htmlFor={`company-${name}`}>{t(`company.field.${name}` as MessageKey)}</label>
      {input}
      {errors[name] && (
        <span className="field__error" id={`company-error-${name}`} role="alert">
          {t(`company.error.${name}` as MessageKey)}
        </span>
      )}
    </div>
  );
  const inputProps = (name: CompanySettingsField) => ({
    id: `company-${name}`,
    name,
    value: values?.[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `company-error-${name}` : undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      const value = e.target.value;
      setValues((v) => (v ? { ...v, [name]: value } : v));
    },
  });
  const text = (name: CompanySettingsField, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) =>
    field(
      name,
      multiline.has(name) ? <textarea rows={3} {...inputProps(name)} /> : <input {...inputProps(name)} {...extra} />,
    );

  return (
    <section className="admin-page" aria-labelledby="company-title">
      <h1 id="company-title">{t("company.title")}</h1>
      <p className="muted">{t("company.hint")}</p>
      {notice && notice.tone !== "conflict" && (
        <p className={`message message--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      )}
      {notice?.tone === "conflict" && (
        <div className="message message--error" role="alert">
          <p>{t("company.conflict")}</p>
          <div className="company-form__actions">
            <button type="button" className="button" onClick={() => reloadCurrent(notice.current)}>
              {t("company.reload")}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={saving}
              onClick={() => void save(notice.current.version)}
            >
              {t("company.overwrite")}
            </button>
          </div>
        </div>
      )}
      {!values && !notice && <p className="muted">{t("company.loading")}</p>}
      {values && loaded && (
        <form
          className="company-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(loaded.version);
          }}
        >
          <fieldset className="admin-form company-form__group">
            <legend>{t("company.section.receipt")}</legend>
            {text("name", { autoComplete: "organization" })}
            {text("nit", { inputMode: "numeric" })}
            {text("address", { autoComplete: "street-address" })}
            {text("phone", { inputMode: "tel", autoComplete: "tel" })}
            {field(
              "taxRegime",
              <select {...inputProps("taxRegime")}>
                {taxRegimes.map((r) => (
                  <option key={r} value={r}>
                    {t(`receipt.taxRegime.${r}`)}
                  </option>
                ))}
              </select>,
            )}
            {text("receiptHeader")}
            {text("receiptFooter")}
          </fieldset>
          <fieldset className="admin-form company-form__group">
            <legend>{t("company.section.rules")}</legend>
            {text("timeZone", { list: "company-time-zones", autoComplete: "off" })}
            <datalist id="company-time-zones">
              {timeZones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            {text("currency", { maxLength: 3, autoComplete: "off" })}
            {text("maxOfflineAgeDays", { inputMode: "numeric" })}
            {text("deviceSilentMinutes", { inputMode: "numeric" })}
            {field(
              "blockSaleAtZeroStock",
              <select {...inputProps("blockSaleAtZeroStock")}>
                <option value="false">{t("company.no")}</option>
                <option value="true">{t("company.yes")}</option>
              </select>,
            )}
          </fieldset>
          <div className="company-form__actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              {saving ? t("company.saving") : t("company.save")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
