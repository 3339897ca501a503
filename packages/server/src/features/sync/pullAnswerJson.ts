import type { PullChange, PullResponse } from "@mostrador/domain";
import { JsonText } from "../../http/jsonText";

export { JsonText };

/** A change of a pull page; a catalog row's data is still the JSON text PostgreSQL built (catalogPageReader). */
export type PullPageChange = Omit<PullChange, "data"> & { data?: PullChange["data"] | JsonText };

/** A pull page as changeFeed reads it: JSON.stringify gives the PullResponse; pullAnswerJson, faster. */
export type PullPage = Omit<PullResponse, "changes"> & { changes: PullPageChange[] };

/**
 * The pull's answer as JSON text: each catalog row's JSON text is spliced in as it came from
 * PostgreSQL (a 5,000-row page was parsed by the driver, presented and stringified again); every
 * other part is JSON.stringify's. Same value as JSON.stringify(page), keys in the same order within
 * each change.
 */
export function pullAnswerJson(page: PullPage): string {
  const { changes, ...rest } = page;
  const parts = changes.map((c) =>
    c.data instanceof JsonText
      ? `{"entity":${JSON.stringify(c.entity)},"id":${JSON.stringify(c.id)},"version":${JSON.stringify(c.version)},"data":${c.data.text}}`
      : JSON.stringify(c),
  );
  const others = JSON.stringify(rest).slice(1, -1);
  return `{"changes":[${parts.join(",")}]${others ? `,${others}` : ""}}`;
}

/** The next page's cursors as the till sends them (NEXT_PULL_HEADER): the body's own, for an early start. */
export function nextPullQuery(page: Pick<PullPage, "cursor" | "invoiceCursor" | "stock">): string {
  const query = new URLSearchParams({ cursor: String(page.cursor), invoiceCursor: String(page.invoiceCursor) });
  if (page.stock) {
    query.set("stockCursor", String(page.stock.cursor));
    query.set("stockWarehouseId", page.stock.warehouseId);
  }
  return query.toString();
}
