/** Texts of the stock shown at the till (tiles, zero-stock warning); assembled in src/messages.ts. */
export const tillStockMessagesEs = {
  "stock.units": "{approx}{quantity} disp.",
  "stock.label": "Existencia: {approx}{quantity}",
  "stock.low": "Existencia baja",
  "stock.out": "Sin existencia",
  "stock.zeroConfirm": "{name} no tiene existencia según el último dato de esta caja. ¿Agregarlo de todas formas?",
};

export const tillStockMessagesEn: Record<keyof typeof tillStockMessagesEs, string> = {
  "stock.units": "{approx}{quantity} avail.",
  "stock.label": "Stock: {approx}{quantity}",
  "stock.low": "Low stock",
  "stock.out": "Out of stock",
  "stock.zeroConfirm": "{name} has no stock according to this till's last data. Add it anyway?",
};
