/** The till's texts that point to "Reportes" (the reports' own texts load with the back office). */
export const reportLinkMessagesEs = {
  "reports.link.allSales": "Ver las ventas de todas las cajas en Reportes → Ventas",
} as const;

export const reportLinkMessagesEn: Record<keyof typeof reportLinkMessagesEs, string> = {
  "reports.link.allSales": "See every till's sales in Reports → Sales",
};
