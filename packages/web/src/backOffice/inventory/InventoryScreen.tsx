import { type Warehouse, warehouseSchema } from "@mostrador/domain";
import { useRoute } from "wouter";
import { useReferenceList } from "../list/ListScreen";
import { KardexPage } from "./KardexPage";
import { StockEditor } from "./StockEditor";
import { StockListPage } from "./StockListPage";
import "./inventory.css";

/**
 * Back office "Inventario" (issue 14): stock by product and warehouse (/admin/inventario), the
 * adjustment (/ajuste), the transfer (/traslado) and a product's kardex (/kardex/:id). Mounted
 * nested, so its routes are relative.
 */
export default function InventoryScreen() {
  const [isKardex, params] = useRoute<{ id: string }>("/kardex/:id");
  const [isAdjust] = useRoute("/ajuste");
  const [isTransfer] = useRoute("/traslado");
  const warehouses = useReferenceList<Warehouse>("warehouses", warehouseSchema);
  if (isKardex && params) return <KardexPage productId={params.id} />;
  if (isAdjust) return <StockEditor mode="adjust" warehouses={warehouses} />;
  if (isTransfer) return <StockEditor mode="transfer" warehouses={warehouses} />;
  return <StockListPage warehouses={warehouses} />;
}
