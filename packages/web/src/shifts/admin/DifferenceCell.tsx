import { useI18n } from "../../i18n/i18n";
import { differenceLabel } from "../differenceLabel";

/**
 * "Sobrante $ X" / "Faltante $ X" / "Sin diferencia" against the server's expected cash, coloured;
 * the till's own difference beneath when it saw other invoices. Empty while the shift is open.
 */
export function DifferenceCell(props: { difference: number | null; tillDifference?: number | null }) {
  const i18n = useI18n();
  const { difference, tillDifference = null } = props;
  if (difference === null) return <td className="numeric" />;
  const tone = difference > 0 ? "over" : difference < 0 ? "short" : "even";
  return (
    <td className="numeric">
      <span className={`shift-admin__difference shift-admin__difference--${tone}`}>
        {differenceLabel(i18n, difference)}
      </span>
      {tillDifference !== null && (
        <div className="muted">
          {i18n.t("shift.admin.tillFigure", { amount: differenceLabel(i18n, tillDifference) })}
        </div>
      )}
    </td>
  );
}
