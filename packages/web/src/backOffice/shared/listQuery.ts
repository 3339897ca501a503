/**
 * A list screen's state (search, sort, filters, page) and its two spellings: the browser's URL
 * (so a reload, a shared link and back/forward keep the list as it was) and the API's query string.
 */
export interface ListQuery {
  q: string;
  /** "name" ascending, "-name" descending (the contract's `sort`). */
  sort: string;
  /** 1-based. */
  page: number;
  /** "" = all, "true" = active only, "false" = inactive only. */
  active: "" | "true" | "false";
  /** Resource filters (categoryId, taxId, idType, role…): absent or "" = not filtered. */
  filters: Record<string, string>;
}

export const PAGE_SIZE = 25;

export function emptyListQuery(defaultSort = "name"): ListQuery {
  return { q: "", sort: defaultSort, page: 1, active: "", filters: {} };
}

/** Reads the list's state from `location.search`; unknown or broken values fall back to the defaults. */
export function listQueryFromSearch(search: string, filterKeys: readonly string[], defaultSort = "name"): ListQuery {
  const params = new URLSearchParams(search);
  const page = Number(params.get("pagina") ?? "1");
  const active = params.get("activo");
  const filters: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return {
    q: params.get("q") ?? "",
    sort: params.get("orden") || defaultSort,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    active: active === "true" || active === "false" ? active : "",
    filters,
  };
}

/** The URL's search part ("" or "?q=…"), leaving out what equals the default so URLs stay short. */
export function listQueryToSearch(query: ListQuery, defaultSort = "name"): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort && query.sort !== defaultSort) params.set("orden", query.sort);
  if (query.active) params.set("activo", query.active);
  for (const [key, value] of Object.entries(query.filters).sort(([a], [b]) => a.localeCompare(b))) {
    if (value) params.set(key, value);
  }
  if (query.page > 1) params.set("pagina", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * `GET /api/{resource}?…` for this state: limit/offset paging, `q`, `sort`, `active` and the filters.
 * The default order is the server's own (by name), so `sort` is sent only when the owner picked another.
 */
export function listQueryToApi(query: ListQuery, pageSize = PAGE_SIZE, defaultSort = "name"): string {
  const params = new URLSearchParams({ limit: String(pageSize), offset: String((query.page - 1) * pageSize) });
  const q = query.q.trim();
  if (q) params.set("q", q.slice(0, 100));
  if (query.sort && query.sort !== defaultSort) params.set("sort", query.sort);
  if (query.active) params.set("active", query.active);
  for (const [key, value] of Object.entries(query.filters)) if (value) params.set(key, value);
  return params.toString();
}

/** Clicking a column: sorts by it ascending, or flips the direction when it already sorts the list. */
export function toggleSort(current: string, field: string): string {
  if (current === field) return `-${field}`;
  return field;
}

/** "asc" | "desc" | null for a column's header (aria-sort). */
export function sortDirection(current: string, field: string): "ascending" | "descending" | null {
  if (current === field) return "ascending";
  if (current === `-${field}`) return "descending";
  return null;
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
