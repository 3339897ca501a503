import { listResponseSchema } from "@mostrador/domain";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useSearch } from "wouter";
import type { z } from "zod";
import { type MessageKey, useI18n } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import {
  type ListQuery,
  listQueryFromSearch,
  listQueryToApi,
  listQueryToSearch,
  PAGE_SIZE,
  pageCount,
  sortDirection,
  toggleSort,
} from "../shared/listQuery";

export interface ListColumn<T> {
  key: string;
  labelKey: MessageKey;
  /** The contract's sort field when the column sorts ("name", "price", …). */
  sort?: string;
  numeric?: boolean;
  render: (row: T) => ReactNode;
}

export interface ListFilter {
  /** The API's query key (categoryId, taxId, idType, role). */
  key: string;
  labelKey: MessageKey;
  options: readonly { value: string; label: string }[];
}

interface Row {
  id: string;
  active?: boolean;
}

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The list every back-office screen opens with: search as you type, filters, sortable columns,
 * paging with the total. Its state lives in the URL (`?q=…&orden=…&pagina=…`), so reload,
 * back/forward and a shared link keep it.
 */
export function ListScreen<T extends Row>({
  titleKey,
  resource,
  basePath,
  rowSchema,
  columns,
  filters = [],
  defaultSort = "name",
  newLabelKey,
  toolbar,
}: {
  titleKey: MessageKey;
  /** API path: "products" → /api/products. */
  resource: string;
  /** This screen's URL: "/admin/productos". */
  basePath: string;
  rowSchema: z.ZodType<T>;
  columns: readonly ListColumn<T>[];
  filters?: readonly ListFilter[];
  defaultSort?: string;
  newLabelKey?: MessageKey;
  toolbar?: ReactNode;
}) {
  const { t, number } = useI18n();
  const api = useBackOfficeApi();
  const search = useSearch();
  const filterKeys = useMemo(() => filters.map((f) => f.key), [filters]);
  const query = useMemo(() => listQueryFromSearch(search, filterKeys, defaultSort), [search, filterKeys, defaultSort]);
  const [text, setText] = useState(query.q);
  const [page, setPage] = useState<{ items: T[]; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [reloadCount, setReloadCount] = useState(0);
  const schema = useMemo(() => listResponseSchema(rowSchema), [rowSchema]);
  const apiQuery = listQueryToApi(query, PAGE_SIZE, defaultSort);

  function change(next: Partial<ListQuery>, replace = false) {
    const merged = { ...query, page: 1, ...next };
    goTo(`${basePath}${listQueryToSearch(merged, defaultSort)}`, { replace });
  }

  // Search as you type: the URL (and so the request) follows the box after a pause.
  // biome-ignore lint/correctness/useExhaustiveDependencies: change reads the current query; only the text triggers
  useEffect(() => {
    if (text === query.q) return;
    const timer = setTimeout(() => change({ q: text }, true), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // Back/forward: the box shows the URL's search.
  useEffect(() => setText(query.q), [query.q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadCount asks for the same page again
  useEffect(() => {
    let current = true;
    setLoading(true);
    api.send(schema, resource, "GET", `/api/${resource}?${apiQuery}`).then(
      (answer) => {
        if (!current) return;
        setPage({ items: answer.items as T[], total: answer.total });
        setFailed(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setFailed(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api.send, schema, resource, apiQuery, reloadCount]);

  const pages = pageCount(page?.total ?? 0);
  return (
    <section className="bo-page" aria-labelledby="bo-list-title">
      <div className="bo-page__head">
        <h1 id="bo-list-title">{t(titleKey)}</h1>
        <div className="bo-page__tools">
          {toolbar}
          {newLabelKey && (
            <button type="button" className="button button--primary" onClick={() => goTo(`${basePath}/nuevo`)}>
              {t(newLabelKey)}
            </button>
          )}
        </div>
      </div>
      <div className="bo-filters">
        <label className="field field--grow">
          <span>{t("bo.list.search")}</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={100} />
        </label>
        {filters.map((filter) => (
          <label className="field" key={filter.key}>
            <span>{t(filter.labelKey)}</span>
            <select
              value={query.filters[filter.key] ?? ""}
              onChange={(e) => change({ filters: { ...query.filters, [filter.key]: e.target.value } })}
            >
              <option value="">{t("bo.list.all")}</option>
              {filter.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="field">
          <span>{t("bo.list.status")}</span>
          <select value={query.active} onChange={(e) => change({ active: e.target.value as ListQuery["active"] })}>
            <option value="">{t("bo.list.all")}</option>
            <option value="true">{t("bo.list.activeOnly")}</option>
            <option value="false">{t("bo.list.inactiveOnly")}</option>
          </select>
        </label>
      </div>
      {failed && (
        <div className="message message--error" role="alert">
          {api.unreachable ? t("bo.list.unreachable") : t("bo.list.failed", { message: failed })}{" "}
          <button type="button" className="link-button" onClick={() => setReloadCount((n) => n + 1)}>
            {t("bo.retry")}
          </button>
        </div>
      )}
      <div className="bo-table-wrap" aria-busy={loading}>
        <table className="bo-table">
          <thead>
            <tr>
              {columns.map((column) => {
                const direction = column.sort ? sortDirection(query.sort, column.sort) : null;
                return (
                  <th
                    key={column.key}
                    className={column.numeric ? "numeric" : undefined}
                    aria-sort={direction ?? undefined}
                  >
                    {column.sort ? (
                      <button
                        type="button"
                        className="bo-sort"
                        onClick={() => change({ sort: toggleSort(query.sort, column.sort as string) })}
                      >
                        {t(column.labelKey)}
                        <span aria-hidden="true">
                          {direction === "ascending" ? " ▲" : direction === "descending" ? " ▼" : ""}
                        </span>
                      </button>
                    ) : (
                      t(column.labelKey)
                    )}
                  </th>
                );
              })}
              <th>{t("bo.field.active")}</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((row) => (
              <tr
                key={row.id}
                className={row.active === false ? "bo-row bo-row--inactive" : "bo-row"}
                onClick={() => goTo(`${basePath}/${row.id}`)}
              >
                {columns.map((column, index) => (
                  <td key={column.key} className={column.numeric ? "numeric" : undefined}>
                    {index === 0 ? (
                      <a
                        href={`${basePath}/${row.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                        }}
                      >
                        {column.render(row)}
                      </a>
                    ) : (
                      column.render(row)
                    )}
                  </td>
                ))}
                <td>{row.active === false ? t("bo.list.inactive") : t("bo.list.active")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 && <p className="muted">{t("bo.list.empty")}</p>}
      </div>
      <div className="bo-paging">
        <span className="muted">
          {page ? t("bo.list.total", { total: number(page.total) }) : loading ? t("bo.shell.loading") : ""}
        </span>
        <button
          type="button"
          className="button button--ghost"
          disabled={query.page <= 1}
          onClick={() => change({ page: query.page - 1 })}
        >
          {t("bo.list.previous")}
        </button>
        <span>{t("bo.list.page", { page: query.page, pages })}</span>
        <button
          type="button"
          className="button button--ghost"
          disabled={query.page >= pages}
          onClick={() => change({ page: query.page + 1 })}
        >
          {t("bo.list.next")}
        </button>
      </div>
    </section>
  );
}

/** Loads a small reference list (taxes, categories, warehouses…) for selects and filters, all pages up to 500. */
export function useReferenceList<T extends { id: string; name: string }>(
  resource: string,
  rowSchema: z.ZodType<T>,
): T[] {
  const api = useBackOfficeApi();
  const [rows, setRows] = useState<T[]>([]);
  const schema = useMemo(() => listResponseSchema(rowSchema), [rowSchema]);
  useEffect(() => {
    let current = true;
    api.send(schema, resource, "GET", `/api/${resource}?limit=500`).then(
      (answer) => current && setRows(answer.items as T[]),
      () => undefined, // the list screen itself says when the server is unreachable
    );
    return () => {
      current = false;
    };
  }, [api.send, schema, resource]);
  return rows;
}
