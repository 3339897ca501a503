import { catalogExportCsvSchema } from "@mostrador/domain";
import { useState } from "react";
import { downloadCsv } from "../../backOffice/import/csvFileText";
import { useI18n } from "../../i18n/i18n";
import { useAppServices } from "../../services/appServices";

/**
 * "Exportar CSV" of a report: the server writes the file from the same query layer as the screen
 * (UTF-8 with BOM); `;` and decimal comma in Spanish, `,` in English, as spreadsheets expect.
 */
export function ReportCsvButton(props: { userToken: string; path: string | null; fileName: string }) {
  const { transport } = useAppServices();
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function exportFile() {
    if (!props.path) return;
    setBusy(true);
    setFailure(null);
    try {
      const delimiter = locale === "en" ? "comma" : "semicolon";
      const sep = props.path.includes("?") ? "&" : "?";
      const text = await transport.send(
        catalogExportCsvSchema,
        "report csv",
        "GET",
        `${props.path}${sep}delimiter=${delimiter}`,
        {
          token: props.userToken,
          timeoutMs: 120_000,
        },
      );
      downloadCsv(props.fileName, text);
    } catch (error) {
      setFailure(t("reports.failed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="report-csv">
      <button type="button" className="button" onClick={() => void exportFile()} disabled={busy || !props.path}>
        {busy ? t("reports.csvWorking") : t("reports.csv")}
      </button>
      {failure && (
        <span className="message message--error" role="alert">
          {failure}
        </span>
      )}
    </span>
  );
}
