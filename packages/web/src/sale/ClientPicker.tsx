import { lazy, Suspense, useId, useMemo, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { ClientRecord } from "../storage/localRecords";
import { normalizeForSearch } from "../text/searchText";
import type { NewClientDraft } from "./cart";
import type { ChosenClient } from "./invoiceDraft";

// The new-client form (and the zod check it runs) is its own chunk, loaded when "Nuevo cliente" opens it.
const NewClientForm = lazy(() => import("./NewClientForm").then((m) => ({ default: m.NewClientForm })));

interface ClientPickerProps {
  clients: readonly ClientRecord[];
  chosen: ChosenClient | null;
  onChoose: (client: ChosenClient, newClient: NewClientDraft | null) => void;
}

const MAX_RESULTS = 8;

export function searchClients(clients: readonly ClientRecord[], query: string): ClientRecord[] {
  const text = normalizeForSearch(query);
  if (!text) return [];
  const terms = text.split(" ");
  const digits = query.replace(/\D/g, "");
  const found: ClientRecord[] = [];
  for (const client of clients) {
    if (!client.active) continue;
    const byId = digits.length >= 3 && client.idNumber.replace(/\D/g, "").startsWith(digits);
    const byName = terms.every((term) => client.searchWords.some((word) => word.startsWith(term)));
    if (byId || byName) found.push(client);
    if (found.length >= MAX_RESULTS) break;
  }
  return found;
}

/** "Cliente": defaults to "Consumidor final"; search by name or id number; "Nuevo cliente" works offline. */
export function ClientPicker({ clients, chosen, onChoose }: ClientPickerProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [searching, setSearching] = useState(false);
  const [creating, setCreating] = useState(false);
  const listId = useId();
  const results = useMemo(() => searchClients(clients, query), [clients, query]);

  function pick(client: ClientRecord) {
    onChoose({ id: client.id, name: client.name, idType: client.idType, idNumber: client.idNumber }, null);
    setQuery("");
    setSearching(false);
  }

  return (
    <div className="client-picker">
      <div className="client-picker__row">
        <div className="field field--grow">
          <span>{t("client.label")}</span>
          {searching ? (
            <input
              type="search"
              autoFocus
              aria-label={t("client.search")}
              placeholder={t("client.search")}
              aria-controls={listId}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") setSearching(false);
                if (e.key === "Enter" && results[0]) {
                  e.preventDefault();
                  pick(results[0]);
                }
              }}
            />
          ) : (
            <button
              type="button"
              className="client-picker__current"
              aria-label={`${t("client.label")}: ${chosen?.name ?? ""}. ${t("client.change")}`}
              onClick={() => setSearching(true)}
            >
              <strong>{chosen?.name ?? "—"}</strong>
              {chosen && (
                <span className="muted">
                  {chosen.idType} {chosen.idNumber}
                </span>
              )}
            </button>
          )}
        </div>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          {t("client.new")}
        </button>
      </div>
      {searching && query && (
        <ul className="client-results" id={listId}>
          {results.map((client) => (
            <li key={client.id}>
              <button type="button" className="client-results__item" onClick={() => pick(client)}>
                <span>{client.name}</span>
                <span className="muted">
                  {client.idType} {client.idNumber}
                </span>
              </button>
            </li>
          ))}
          {results.length === 0 && <li className="muted">{t("client.none")}</li>}
        </ul>
      )}
      {creating && (
        <Suspense fallback={null}>
          <NewClientForm
            clients={clients}
            onCancel={() => setCreating(false)}
            onCreate={(draft) => {
              onChoose({ id: draft.id, name: draft.name, idType: draft.idType, idNumber: draft.idNumber }, draft);
              setCreating(false);
              setSearching(false);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
