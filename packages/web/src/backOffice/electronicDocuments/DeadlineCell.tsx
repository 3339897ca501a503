import { useI18n } from "../../i18n/i18n";
import { deadlineView } from "./electronicDocumentsQuery";
import type { ScreenDocument } from "./electronicDocumentsSchemas";

/** A contingency document's deadline: the instant and hours left; amber at 24 h or less, red overdue. */
export function DeadlineCell({ doc, timeZone, now }: { doc: ScreenDocument; timeZone: string; now: Date }) {
  const { t, dateTime } = useI18n();
  const view = deadlineView(doc, now);
  if (!view || !doc.deadlineAt) return <td />;
  const label =
    view.status === "done"
      ? t("edoc.deadline.done")
      : view.status === "overdue"
        ? t("edoc.deadline.overdueBy", { hours: view.hours })
        : view.status === "due_soon"
          ? t("edoc.deadline.due_soonLeft", { hours: view.hours })
          : t("edoc.deadline.on_time", { hours: view.hours });
  return (
    <td className={`edoc-deadline edoc-deadline--${view.status}`} data-deadline={view.status}>
      <span>{dateTime(doc.deadlineAt, timeZone)}</span>
      <br />
      <small>{label}</small>
    </td>
  );
}
