import { type ImportError, type ImportReport, importReportSchema, MAX_IMPORT_CSV_CHARS } from "@mostrador/domain";
import { useState } from "react";
import { TransportError } from "../../api/transportErrors";
import { type MessageKey, useI18n } from "../../i18n/i18n";
import { useAppServices } from "../../services/appServices";
import { readCsvFile } from "./csvFileText";
import { importMessagesEs } from "./importMessages";
import "../../admin/admin.css";
import "./import.css";

type Entity = "products" | "clients";

/** A 20,000-row file takes seconds to check and write; the till's 15 s default is for small calls. */
const IMPORT_TIMEOUT_MS = 180_000;
const SHOWN_ERRORS = 200;

type Step =
  | { kind: "choose" }
  | { kind: "working"; what: "reading" | "committing" }
  | { kind: "report"; report: ImportReport }
  | { kind: "done"; report: ImportReport };

const hasKey = (key: string): key is MessageKey => key in importMessagesEs;

/**
 * "Importar desde CSV": the owner picks a file; the server checks it without writing (commit: false)
 * and the dialog shows how the columns were read, the first rows, and every error by line. A file
 * without errors is confirmed with "Importar N productos" (commit: true); with errors, the owner fixes
 * the file or chooses "Importar solo las N filas válidas" (skipInvalid), and the server writes the
 * rows it checked, all or nothing. The file stays chosen when the server cannot be reached, so the
 * owner retries without picking it again.
 */
export function ImportDialog({
  userToken,
  entity,
  onImported,
}: {
  userToken: string;
  entity: Entity;
  onImported: () => void;
}) {
  const { transport } = useAppServices();
  const { t, number } = useI18n();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [csv, setCsv] = useState<{ text: string; name: string; windows1252: boolean } | null>(null);
  const [notice, setNotice] = useState<{ text: string; retry?: () => void } | null>(null);

  const fieldLabel = (field: string | null) => {
    if (!field) return t("import.error.row");
    const key = `import.field.${field}`;
    return hasKey(key) ? t(key) : field;
  };
  const errorText = (e: ImportError) => {
    const key = `import.error.${e.code}`;
    return hasKey(key) ? t(key, { field: fieldLabel(e.field) }) : e.message;
  };

  async function send(text: string, commit: boolean, skipInvalid = false) {
    setNotice(null);
    setStep({ kind: "working", what: commit ? "committing" : "reading" });
    try {
      const report = await transport.send(importReportSchema, `import ${entity}`, "POST", `/api/${entity}/import`, {
        token: userToken,
        body: { csv: text, commit, skipInvalid },
        timeoutMs: IMPORT_TIMEOUT_MS,
      });
      // The list refreshes when the owner closes the dialog, after reading the result.
      setStep({ kind: report.committed ? "done" : "report", report });
    } catch (error) {
      // A commit refused because the data changed since the preview answers the new report.
      const refused = error instanceof TransportError && error.code === "IMPORT_INVALID";
      const details = refused
        ? importReportSchema.safeParse((error.details.body as { error?: { details?: unknown } })?.error?.details)
        : null;
      if (details?.success) return setStep({ kind: "report", report: details.data });
      const offline = error instanceof TransportError && error.transient;
      setStep({ kind: "choose" });
      setNotice({
        text: offline
          ? t("import.offline")
          : t("import.failed", { message: error instanceof Error ? error.message : String(error) }),
        retry: offline ? () => void send(text, commit, skipInvalid) : undefined,
      });
    }
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    setNotice(null);
    if (file.size > MAX_IMPORT_CSV_CHARS * 2) return setNotice({ text: t("import.tooLarge") });
    setStep({ kind: "working", what: "reading" });
    let decoded: Awaited<ReturnType<typeof readCsvFile>>;
    try {
      decoded = await readCsvFile(file);
    } catch (error) {
      setStep({ kind: "choose" });
      return setNotice({
        text: t("import.failed", { message: error instanceof Error ? error.message : String(error) }),
      });
    }
    const { text, encoding } = decoded;
    if (text.length > MAX_IMPORT_CSV_CHARS) {
      setStep({ kind: "choose" });
      return setNotice({ text: t("import.tooLarge") });
    }
    setCsv({ text, name: file.name, windows1252: encoding === "windows-1252" });
    await send(text, false);
  }

  function close() {
    if (step.kind === "done") onImported();
    setOpen(false);
    setStep({ kind: "choose" });
    setCsv(null);
    setNotice(null);
  }

  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t(entity === "products" ? "import.open.products" : "import.open.clients")}
      </button>
    );

  const report = step.kind === "report" || step.kind === "done" ? step.report : null;
  const toWrite = report ? report.creates + report.updates : 0;
  // Keys made once here: headers may repeat and preview rows and errors have no identity but their place.
  const columns = report?.columns.map((c, i) => ({ ...c, key: `c${i}`, label: c.header || `#${i + 1}` })) ?? [];
  const previewRows = report?.preview.map((row, i) => ({ row, key: `r${i}` })) ?? [];
  const errors = report?.errors.slice(0, SHOWN_ERRORS).map((e, i) => ({ ...e, key: `e${i}` })) ?? [];
  return (
    <div className="dialog-backdrop">
      <div className="dialog card import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title">
        <h2 id="import-title">{t(entity === "products" ? "import.title.products" : "import.title.clients")}</h2>
        {step.kind === "choose" && (
          <>
            <p className="muted">{t("import.hint")}</p>
            <p className="muted">{t(entity === "products" ? "import.hint.products" : "import.hint.clients")}</p>
            <label className="field">
              <span>{t("import.file")}</span>
              <input
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                data-testid="import-file"
                onChange={(e) => void pick(e.currentTarget.files?.[0])}
              />
            </label>
          </>
        )}
        {step.kind === "working" && (
          <p role="status">{t(step.what === "reading" ? "import.reading" : "import.committing")}</p>
        )}
        {notice && (
          <div className="message message--error" role="alert">
            {notice.text}
            {notice.retry && (
              <button type="button" className="button" onClick={notice.retry}>
                {t("import.retry")}
              </button>
            )}
          </div>
        )}
        {report && (
          <>
            {csv && <p className="muted">{csv.name}</p>}
            {csv?.windows1252 && <p className="muted">{t("import.encoding")}</p>}
            <p role="status" data-testid="import-summary">
              {step.kind === "done"
                ? t("import.done", {
                    creates: number(report.creates),
                    updates: number(report.updates),
                    unchanged: number(report.unchanged),
                  }) +
                  (report.invalidRows > 0 ? ` ${t("import.done.skipped", { count: number(report.invalidRows) })}` : "")
                : t("import.summary", {
                    rows: number(report.rows),
                    creates: number(report.creates),
                    updates: number(report.updates),
                    unchanged: number(report.unchanged),
                  })}
            </p>
            {report.errorCount > 0 && (
              <section className="import-errors" aria-labelledby="import-errors-title">
                <h3 id="import-errors-title" className="message message--error">
                  {t("import.errors.title", { count: number(report.errorCount) })}
                </h3>
                <ul data-testid="import-errors">
                  {errors.map((e) => (
                    <li key={e.key} data-line={e.line}>
                      <strong>{t("import.error.line", { line: e.line })}</strong> · {errorText(e)}{" "}
                      <span className="muted">{e.message}</span>
                    </li>
                  ))}
                </ul>
                {report.errorCount > SHOWN_ERRORS && (
                  <p className="muted">
                    {t("import.errors.more", { count: number(report.errorCount - SHOWN_ERRORS) })}
                  </p>
                )}
              </section>
            )}
            {step.kind === "report" && (
              <>
                <h3>{t("import.columns")}</h3>
                <table className="admin-table import-table">
                  <thead>
                    <tr>
                      <th>{t("import.column.header")}</th>
                      <th>{t("import.column.field")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {columns.map((c) => (
                      <tr key={c.key}>
                        <td>{c.header}</td>
                        <td className={c.field ? "" : "muted"}>
                          {c.field ? fieldLabel(c.field) : t("import.column.ignored")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {previewRows.length > 0 && (
                  <>
                    <h3>{t("import.preview")}</h3>
                    <div className="import-preview">
                      <table className="admin-table import-table">
                        <thead>
                          <tr>
                            {columns.map((c) => (
                              <th key={c.key}>{c.label}</th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {previewRows.map(({ row, key }) => (
                            <tr key={key}>
                              {columns.map((c) => (
                                <td key={c.key}>{row[c.label] ?? ""}</td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                )}
                {report.errorCount === 0 && toWrite === 0 && <p className="muted">{t("import.nothingToDo")}</p>}
              </>
            )}
          </>
        )}
        <div className="dialog__actions">
          {step.kind === "report" && (
            <button type="button" className="button" onClick={() => setStep({ kind: "choose" })}>
              {t("import.chooseAnother")}
            </button>
          )}
          <button type="button" className="button" onClick={close} disabled={step.kind === "working"}>
            {t("import.close")}
          </button>
          {step.kind === "report" &&
            report &&
            report.errorCount > 0 &&
            report.invalidRows > 0 &&
            toWrite > 0 &&
            csv && (
              <button type="button" className="button" onClick={() => void send(csv.text, true, true)}>
                {t("import.confirm.validOnly", { count: number(toWrite), skipped: number(report.invalidRows) })}
              </button>
            )}
          {step.kind === "report" && report && report.errorCount === 0 && toWrite > 0 && csv && (
            <button type="button" className="button button--primary" onClick={() => void send(csv.text, true)}>
              {t(entity === "products" ? "import.confirm.products" : "import.confirm.clients", {
                count: number(toWrite),
              })}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

export default ImportDialog;
