import { useState } from "react";
import { useRoute } from "wouter";
import { goTo } from "../../navigation/appLocation";
import { ShiftDetail } from "./ShiftDetail";
import { ShiftList } from "./ShiftList";
import { noShiftFilters, type ShiftListFilters } from "./shiftListQuery";
import { useShiftLookups } from "./useShiftLookups";
import "../../admin/admin.css";
import "../shifts.css";

/** The screen's URL; the back office mounts it nested, so its own routes are relative ("/:id"). */
export const SHIFTS_PATH = "/admin/turnos";

/**
 * Back office "Turnos": the shifts of every till with expected, counted and the difference
 * (/admin/turnos), and one shift with its invoices, movements and the Z report (/admin/turnos/:id).
 * The filters live here so that coming back from a detail keeps them.
 */
export default function ShiftAdmin({ userToken, timeZone }: { userToken: string; timeZone: string }) {
  const [isDetail, params] = useRoute<{ id: string }>("/:id");
  const lookups = useShiftLookups(userToken);
  const [filters, setFilters] = useState<ShiftListFilters>(noShiftFilters);
  const [offset, setOffset] = useState(0);
  if (isDetail && params) {
    return (
      <ShiftDetail
        id={params.id}
        userToken={userToken}
        timeZone={timeZone}
        lookups={lookups}
        onBack={() => goTo(SHIFTS_PATH)}
      />
    );
  }
  return (
    <ShiftList
      userToken={userToken}
      timeZone={timeZone}
      lookups={lookups}
      filters={filters}
      offset={offset}
      onFilters={(next) => {
        setFilters(next);
        setOffset(0);
      }}
      onPage={setOffset}
      onOpen={(id) => goTo(`${SHIFTS_PATH}/${id}`)}
    />
  );
}
