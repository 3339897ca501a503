import { describe, expect, it } from "vitest";
import { fetchAllPages } from "./allPages";

const list = Array.from({ length: 23 }, (_, i) => i);
const server = ({ limit, offset }: { limit: number; offset: number }) =>
  Promise.resolve({ items: list.slice(offset, offset + limit), total: list.length });

describe("fetchAllPages", () => {
  it("asks page after page until the total, in order", async () => {
    const asked: number[] = [];
    const rows = await fetchAllPages(
      (range) => {
        asked.push(range.offset);
        return server(range);
      },
      { pageSize: 10 },
    );
    expect(rows).toEqual(list);
    expect(asked).toEqual([0, 10, 20]);
  });

  it("stops at maxRows, and answers null when a page cannot be asked for", async () => {
    expect(await fetchAllPages(server, { pageSize: 5, maxRows: 10 })).toEqual(list.slice(0, 10));
    expect(await fetchAllPages(() => null)).toBeNull();
  });
});
