import type { CashMovement } from "@mostrador/domain";
import { lazy, Suspense, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { LocalShift } from "../storage/localRecords";
import type { TillNames } from "./MovementSlip";
import "./shifts.css";
import { rejectionText } from "../invoiceError/rejectionText";

// What the bar opens (cash movements, closing, the slip) is its own chunk: the sale does not need it.
const CashMovementForm = lazy(() => import("./CashMovementForm").then((m) => ({ default: m.CashMovementForm })));
const CloseShiftForm = lazy(() => import("./CloseShiftForm").then((m) => ({ default: m.CloseShiftForm })));
const MovementSlip = lazy(() => import("./MovementSlip").then((m) => ({ default: m.MovementSlip })));

/** Above the sale while a shift is open: its state, "Movimientos de efectivo" and "Cerrar turno". */
export function ShiftBar(props: {
  shift: LocalShift;
  userId: string;
  names: TillNames;
  /** Open "Cerrar turno" at once (a shift taken over to close it). */
  startClosing?: boolean;
  onClosed: (shiftId: string) => void;
}) {
  const { t, money, dateTime, locale } = useI18n();
  const [panel, setPanel] = useState<"none" | "movement" | "close" | "slip">(props.startClosing ? "close" : "none");
  const [notice, setNotice] = useState<string | null>(null);
  /** The last Ingreso/Retiro recorded here, for "Imprimir comprobante". */
  const [recorded, setRecorded] = useState<CashMovement | null>(null);
  const { shift } = props;
  const rejection = shift.status === "error" ? shift.errors[0] : undefined;
  return (
    <>
      <section className="shift-bar no-print" aria-label={t("shift.closeTitle")}>
        <div className="shift-bar__row">
          <span>{t("shift.bar", { time: dateTime(shift.openedAt), amount: money(shift.document.openingFloat) })}</span>
          <button type="button" className="button" onClick={() => setPanel("movement")}>
            {t("shift.movements")}
          </button>
          <button type="button" className="button" onClick={() => setPanel("close")}>
            {t("shift.closeTitle")}
          </button>
        </div>
        {rejection && (
          <p className="message message--error" role="alert">
            {t("shift.barError", { message: rejectionText(rejection, locale) })}
          </p>
        )}
        {notice && panel === "none" && (
          <div className="shift-bar__row">
            <p className="message message--info" role="status">
              {notice}
            </p>
            {recorded && (
              <button type="button" className="button" onClick={() => setPanel("slip")}>
                {t("shift.printSlip")}
              </button>
            )}
          </div>
        )}
        <Suspense fallback={null}>
          {panel === "movement" && (
            <CashMovementForm
              shiftId={shift.id}
              userId={props.userId}
              onDone={(text, movement) => {
                setNotice(text);
                setRecorded(movement);
                setPanel("none");
              }}
              onCancel={() => setPanel("none")}
            />
          )}
          {panel === "close" && (
            <CloseShiftForm
              shift={shift}
              userId={props.userId}
              onClosed={props.onClosed}
              onCancel={() => setPanel("none")}
            />
          )}
        </Suspense>
      </section>
      {/* Outside the no-print bar: the slip is what gets printed. */}
      {panel === "slip" && recorded && (
        <div className="receipt-view">
          <Suspense fallback={null}>
            <MovementSlip movement={recorded} names={props.names} />
          </Suspense>
          <div className="receipt-view__actions no-print">
            <button type="button" className="button button--primary" autoFocus onClick={() => window.print()}>
              {t("shift.print")}
            </button>
            <button type="button" className="button" onClick={() => setPanel("none")}>
              {t("shift.closeSlip")}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
