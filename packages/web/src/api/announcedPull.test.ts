import { describe, expect, it } from "vitest";
import { announcedPullOf } from "./announcedPull";

describe("announcedPullOf (the next page's cursors from a pull answer's header)", () => {
  it("reads the cursors, with the stock section's when present", () => {
    expect(announcedPullOf("cursor=12&invoiceCursor=3")).toEqual({ cursor: 12, invoiceCursor: 3 });
    const warehouse = "0191d2a4-7b5e-7c3a-9f00-000000000001";
    expect(announcedPullOf(`cursor=12&invoiceCursor=0&stockCursor=7&stockWarehouseId=${warehouse}`)).toEqual({
      cursor: 12,
      invoiceCursor: 0,
      stockCursor: 7,
      stockWarehouseId: warehouse,
    });
  });

  it("ignores an absent or malformed header (the till then waits for the body)", () => {
    for (const bad of [
      null,
      "",
      "cursor=12",
      "cursor=-1&invoiceCursor=0",
      "cursor=1.5&invoiceCursor=0",
      "cursor=1&invoiceCursor=x",
      "cursor=1&invoiceCursor=0&stockCursor=abc",
      "cursor=1&invoiceCursor=0&stockWarehouseId=0191d2a4-7b5e-7c3a-9f00-000000000001",
      "cursor=1&invoiceCursor=0&stockCursor=1&stockWarehouseId=../../x",
      "cursor=99999999999999999999&invoiceCursor=0",
    ])
      expect(announcedPullOf(bad), String(bad)).toBeNull();
  });
});
