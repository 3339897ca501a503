import { NameOnlyScreen, warehousesConfig } from "./NameOnlyScreens";

/** Bodegas (/admin/bodegas). */
export default function WarehousesScreen() {
  return <NameOnlyScreen config={warehousesConfig} />;
}
