import { useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { fetchAllPages } from "../../paging/allPages";
import { useAppServices } from "../../services/appServices";
import { downloadCsv } from "../import/csvFileText";
import { electronicDocumentsCsv } from "./electronicDocumentsCsv";
import { type ElectronicDocumentFilters, electronicDocumentsPath } from "./electronicDocumentsQuery";
import { screenListSchema } from "./electronicDocumentsSchemas";

/**
 * "Exportar CSV": every document the filters select (all pages of the list), built here from the
 * list's answers, so it works whether or not the server offers its own CSV.
 */
export function ElectronicDocumentsExportButton(props: {
  userToken: string;
  timeZone: string;
  filters: ElectronicDocumentFilters;
  onError: (message: string) => void;
}) {
  const { transport } = useAppServices();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  async function exportAll() {
    setBusy(true);
    try {
      const rows = await fetchAllPages((range) => {
        const query = electronicDocumentsPath(props.filters, range);
        return "path" in query
          ? transport.send(screenListSchema, "electronic documents", "GET", query.path, { token: props.userToken })
          : null;
      });
      if (!rows) return;
      const csv = electronicDocumentsCsv(
        rows,
        {
          number: t("edoc.number"),
          issuedAt: t("edoc.issuedAt"),
          terminal: t("edoc.terminal"),
          state: t("edoc.state"),
          contingency: t("edoc.contingencyTag"),
          outageEndedAt: t("edoc.outageEndedAt"),
          deadlineAt: t("edoc.deadline"),
          ruleCodes: t("edoc.ruleCodes", { codes: "" }).replace(/[:\s]+$/, ""),
          attempts: t("edoc.attempts"),
          cude: t("edoc.cude"),
          problem: t("edoc.problem"),
          invoiceId: "id",
        },
        { state: (s) => t(`edoc.state.${s}`), yes: "1", no: "0" },
        props.timeZone,
      );
      downloadCsv(`documentos-electronicos-${new Date().toISOString().slice(0, 10)}.csv`, csv);
    } catch (error) {
      props.onError(t("edoc.failed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="button" disabled={busy} onClick={() => void exportAll()}>
      {busy ? t("edoc.exporting") : t("edoc.export")}
    </button>
  );
}
