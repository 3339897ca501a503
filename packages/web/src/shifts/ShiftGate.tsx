import { type ReactNode, useState } from "react";
import { ClosedShiftView } from "./ClosedShiftView";
import type { TillNames } from "./MovementSlip";
import { OpenShiftForm } from "./OpenShiftForm";
import { ShiftBar } from "./ShiftBar";
import { TakeOverShift, useShiftToTakeOver } from "./TakeOverShift";
import { useOpenShift } from "./useShift";

/**
 * Around the sale screen: a terminal that requires a shift shows "Abrir turno" until one is open;
 * while one is open the shift bar sits above the sale, whose invoices get the shift's id; after
 * "Confirmar cierre" the "Cierre de turno" shows until "Continuar". When the terminal's shift is
 * open on another device (its cashier signed out), "Tomar turno" / "Cerrar turno" replace "Abrir turno".
 */
export function ShiftGate(props: {
  terminalId: string;
  requiresShift: boolean;
  deviceId: string;
  userId: string;
  /** Company, terminal and cashier names for the printed slips and the Cierre de turno. */
  names: TillNames;
  active: boolean;
  children: (shiftId: string | null) => ReactNode;
}) {
  const openShift = useOpenShift(props.terminalId);
  const toTakeOver = useShiftToTakeOver(props.terminalId, props.deviceId);
  const [closedShiftId, setClosedShiftId] = useState<string | null>(null);
  /** "Cerrar turno" on a shift of another device: taken over, then straight to the count. */
  const [closeOnOpen, setCloseOnOpen] = useState(false);
  if (closedShiftId) {
    return (
      <div className="sale-screen sale-screen--receipt" hidden={!props.active}>
        <ClosedShiftView shiftId={closedShiftId} names={props.names} onDone={() => setClosedShiftId(null)} />
      </div>
    );
  }
  if (props.requiresShift && (openShift === undefined || (!openShift && toTakeOver === undefined))) return null; // still reading
  if (props.requiresShift && !openShift && toTakeOver) {
    return (
      <div className="sale-screen sale-screen--shift" hidden={!props.active}>
        <TakeOverShift
          shift={toTakeOver}
          deviceId={props.deviceId}
          userId={props.userId}
          onTaken={(then) => setCloseOnOpen(then === "close")}
        />
      </div>
    );
  }
  if (props.requiresShift && !openShift) {
    return (
      <div className="sale-screen sale-screen--shift" hidden={!props.active}>
        <OpenShiftForm terminalId={props.terminalId} deviceId={props.deviceId} userId={props.userId} />
      </div>
    );
  }
  return (
    <>
      {openShift && props.active && (
        <ShiftBar
          shift={openShift}
          userId={props.userId}
          names={props.names}
          startClosing={closeOnOpen}
          onClosed={(id) => {
            setCloseOnOpen(false);
            setClosedShiftId(id);
          }}
        />
      )}
      {props.children(openShift?.id ?? null)}
    </>
  );
}
