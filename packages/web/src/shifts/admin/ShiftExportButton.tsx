import { shiftListSchema } from "@mostrador/domain";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { fetchAllPages } from "../../paging/allPages";
import { useAppServices } from "../../services/appServices";
import { type ShiftListFilters, shiftListPath } from "./shiftListQuery";
import { shiftsCsv } from "./shiftsCsv";
import type { ShiftLookups } from "./useShiftLookups";

/** "Exportar CSV": every shift the filters select (all pages), as a file for a spreadsheet. */
export function ShiftExportButton(props: {
  userToken: string;
  timeZone: string;
  filters: ShiftListFilters;
  lookups: ShiftLookups;
  onError: (message: string) => void;
}) {
  const { transport } = useAppServices();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  async function exportAll() {
    setBusy(true);
    try {
      const rows = await fetchAllPages((range) => {
        const query = shiftListPath(props.filters, range, props.timeZone);
        return "path" in query
          ? transport.send(shiftListSchema, "shifts", "GET", query.path, { token: props.userToken })
          : null;
      });
      if (!rows) return;
      const csv = shiftsCsv(
        rows,
        {
          terminal: t("shift.admin.terminal"),
          openedBy: t("shift.admin.openedBy"),
          closedBy: t("shift.admin.closedBy"),
          openedAt: t("shift.admin.opened"),
          closedAt: t("shift.admin.closed"),
          status: t("shift.admin.status"),
          openingFloat: t("shift.openingFloat"),
          serverExpected: t("shift.admin.expected"),
          tillExpected: t("shift.admin.tillExpected"),
          counted: t("shift.admin.counted"),
          difference: t("shift.admin.difference"),
          invoices: t("shift.admin.invoices"),
          id: t("shift.admin.id"),
        },
        {
          terminalName: props.lookups.terminalName,
          userName: props.lookups.userName,
          statusLabel: (s) => t(s === "open" ? "shift.admin.status.open" : "shift.admin.status.closed"),
        },
        props.timeZone,
      );
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `${t("shift.admin.exportFile")}-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000); // after the browser has taken the file
    } catch (error) {
      props.onError(t("shift.admin.failed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="button" disabled={busy} onClick={() => void exportAll()}>
      {busy ? t("shift.admin.exporting") : t("shift.admin.export")}
    </button>
  );
}
