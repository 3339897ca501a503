import { catalogExportCsvSchema } from "@mostrador/domain";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { useAppServices } from "../../services/appServices";
import { downloadCsv, exportFileName } from "./csvFileText";

/** Exporting 20,000 products takes a few seconds; the till's 15 s default is for small calls. */
const EXPORT_TIMEOUT_MS = 120_000;

/**
 * "Exportar CSV": every product or client as a file a spreadsheet opens with accents intact.
 * The delimiter follows the language, as spreadsheets expect: `;` in Spanish (decimal comma),
 * `,` in English. The server's answer is read through the transport (same token, same errors);
 * its text is not JSON, so the transport hands it over as it is.
 */
export function ExportButton({ userToken, entity }: { userToken: string; entity: "products" | "clients" }) {
  const { transport } = useAppServices();
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function exportFile() {
    setBusy(true);
    setFailure(null);
    try {
      const delimiter = locale === "en" ? "comma" : "semicolon";
      const text = await transport.send(
        catalogExportCsvSchema,
        `export ${entity}`,
        "GET",
        `/api/${entity}/export?delimiter=${delimiter}`,
        { token: userToken, timeoutMs: EXPORT_TIMEOUT_MS },
      );
      downloadCsv(exportFileName(entity), text);
    } catch (error) {
      setFailure(t("export.failed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={() => void exportFile()} disabled={busy}>
        {busy ? t("export.working") : t("export.button")}
      </button>
      {failure && (
        <span className="message message--error" role="alert">
          {failure}
        </span>
      )}
    </>
  );
}

export default ExportButton;
