import type { ComponentType } from "react";
import type { MessageKey } from "../i18n/i18n";

/** What every back-office screen receives (the contract's screen props). */
export interface BackOfficeScreenProps {
  userToken: string;
  timeZone: string;
}

export interface BackOfficeRoute {
  /** Under /admin: "productos" serves /admin/productos and /admin/productos/:id (read inside the screen). */
  path: string;
  /** The menu's label. */
  labelKey: MessageKey;
  /** Each screen is its own chunk, loaded when first opened. */
  load: () => Promise<{ default: ComponentType<BackOfficeScreenProps> }>;
  /** Screens that call the server with the token themselves (not through useBackOfficeApi) are wrapped in SessionGate. */
  gate?: boolean;
}

/**
 * The back office's screens, in menu order. One line per screen.
 */
export const backOfficeRoutes: readonly BackOfficeRoute[] = [
  { path: "productos", labelKey: "bo.menu.products", load: () => import("./products/ProductsScreen") },
  { path: "categorias", labelKey: "bo.menu.categories", load: () => import("./catalog/CategoriesScreen") },
  { path: "impuestos", labelKey: "bo.menu.taxes", load: () => import("./catalog/TaxesScreen") },
  { path: "listas-de-precios", labelKey: "bo.menu.priceLists", load: () => import("./priceLists/PriceListsScreen") },
  { path: "clientes", labelKey: "bo.menu.clients", load: () => import("./clients/ClientsScreen") },
  { path: "usuarios", labelKey: "bo.menu.users", load: () => import("./users/UsersScreen") },
  { path: "cajas", labelKey: "bo.menu.terminals", load: () => import("./terminals/TerminalsScreen") },
  { path: "metodos-de-pago", labelKey: "bo.menu.paymentMethods", load: () => import("./catalog/PaymentMethodsScreen") },
  { path: "bodegas", labelKey: "bo.menu.warehouses", load: () => import("./catalog/WarehousesScreen") },
  { path: "inventario", labelKey: "bo.menu.inventory", load: () => import("./inventory/InventoryScreen") },
  {
    path: "numeraciones",
    labelKey: "bo.menu.numberings",
    load: () => import("./numberings/NumberingsScreen"),
    gate: true,
  },
  {
    path: "mantenimientos",
    labelKey: "bo.menu.maintenance",
    load: () => import("../maintenance/MaintenanceAdmin"),
    gate: true,
  },
  { path: "dispositivos", labelKey: "bo.menu.devices", load: () => import("../devices/DeviceAdmin"), gate: true },
  { path: "reportes", labelKey: "bo.menu.reports", load: () => import("../reports/admin/ReportsAdmin"), gate: true },
  { path: "turnos", labelKey: "bo.menu.shifts", load: () => import("../shifts/admin/ShiftAdmin"), gate: true },
  {
    path: "documentos-electronicos",
    labelKey: "bo.menu.electronicDocuments",
    load: () => import("./electronicDocuments/ElectronicDocumentsScreen"),
    gate: true,
  },
  { path: "empresa", labelKey: "bo.menu.company", load: () => import("../company/CompanySettings"), gate: true },
];

export const DEFAULT_BACK_OFFICE_PATH = "productos";
