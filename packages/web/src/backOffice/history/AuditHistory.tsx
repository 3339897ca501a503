import { type AuditList, auditListSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { type MessageKey, useI18n } from "../../i18n/i18n";
import { useBackOfficeApi } from "../shared/backOfficeApi";

const PAGE = 20;

/** The history names fields as the forms do; others show as the API names them. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: "bo.field.name",
  active: "bo.field.active",
  reference: "bo.field.reference",
  barcode: "bo.field.barcode",
  categoryId: "bo.field.category",
  price: "bo.field.price",
  taxId: "bo.field.tax",
  priceIncludesTax: "bo.products.priceIncludesTax",
  trackStock: "bo.products.trackStock",
  stock: "bo.products.stock",
  kind: "bo.taxes.kind",
  rateBp: "bo.taxes.rate",
  idType: "bo.clients.idType",
  idNumber: "bo.clients.idNumber",
  email: "bo.clients.email",
  phone: "bo.clients.phone",
  address: "bo.clients.address",
  role: "bo.users.role",
  terminalIds: "bo.users.terminals",
  password: "bo.users.password",
  numberingId: "bo.terminals.numbering",
  warehouseId: "bo.terminals.warehouse",
  paymentMethodIds: "bo.terminals.paymentMethods",
  priceListId: "bo.terminals.priceList",
  requiresShift: "bo.terminals.requiresShift",
  prices: "bo.priceLists.prices",
};
/** Amounts in centavos: shown as money. */
const MONEY_FIELDS = new Set(["price"]);

/** A change's value, short: text as is, yes/no, lists and objects as compact JSON. */
export function auditValueText(value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? yes : no;
  if (typeof value === "string" || typeof value === "number") return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}

/** "Historial de cambios": who changed what and when, newest first; loads when opened. */
export function AuditHistory({ entity, recordId, version }: { entity: string; recordId: string; version: number }) {
  const { t, dateTime, money } = useI18n();
  const api = useBackOfficeApi();
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<AuditList | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version reloads the history after each save
  useEffect(() => {
    if (!open) return;
    let current = true;
    const query = new URLSearchParams({ entity, recordId, limit: String(PAGE), offset: "0" });
    api.send(auditListSchema, "audit log", "GET", `/api/audit-log?${query}`).then(
      (answer) => {
        if (!current) return;
        setList(answer);
        setFailed(false);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [open, api.send, entity, recordId, version]);

  return (
    <details className="bo-history card" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t("bo.history.title")}</summary>
      {failed && <p className="message message--warning">{t("bo.history.failed")}</p>}
      {list && list.items.length === 0 && <p className="muted">{t("bo.history.empty")}</p>}
      {list && list.items.length > 0 && (
        <ol className="bo-history__list">
          {list.items.map((entry) => (
            <li key={entry.id}>
              <div>
                <strong>{t(`bo.history.action.${entry.action}`)}</strong> · {dateTime(entry.at, api.timeZone)} ·{" "}
                {entry.userName ?? t("bo.history.unknownUser")}
              </div>
              <ul>
                {Object.entries(entry.changes).map(([field, change]) => {
                  const label = FIELD_LABELS[field];
                  const text = (value: unknown) =>
                    MONEY_FIELDS.has(field) && typeof value === "number"
                      ? money(value)
                      : auditValueText(value, t("bo.yes"), t("bo.no"));
                  return (
                    <li key={field}>
                      {label ? t(label) : <code>{field}</code>}: {text(change.from)} → {text(change.to)}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {list && list.total > list.items.length && (
        <p className="muted">{t("bo.history.more", { shown: list.items.length, total: list.total })}</p>
      )}
    </details>
  );
}
