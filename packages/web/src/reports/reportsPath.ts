/** The back office's "Reportes" (a path only: the till links to it without loading the reports). */
export const REPORTS_PATH = "/admin/reportes";
/** "Reportes → Ventas": every invoice of every till, for admins. */
export const REPORTS_SALES_PATH = `${REPORTS_PATH}/ventas`;
