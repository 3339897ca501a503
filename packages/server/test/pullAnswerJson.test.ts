import { NEXT_PULL_HEADER } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { type PullPage, pullAnswerJson } from "../src/features/sync/pullAnswerJson";
import { JsonText } from "../src/http/jsonText";
import { newShop, openTill } from "./support/company";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

describe("the pull's answer as JSON text (sync/pullAnswerJson)", () => {
  it("splices a catalog row's JSON text: the same value as JSON.stringify of the page", () => {
    const page: PullPage = {
      cursor: 9,
      invoiceCursor: 0,
      hasMore: true,
      reset: false,
      changes: [
        {
          entity: "products",
          id: "p-1",
          version: 3,
          data: new JsonText('{"id":"p-1","name":"Café \\"molido\\"","stock":{"a": 1}}'),
        },
        { entity: "taxes", id: "t-1", version: 4, data: { id: "t-1", rate: 19 } },
        { entity: "clients", id: "c-1", version: 5, deleted: true },
      ],
      remaining: { products: 4 },
      serverTime: "2026-12-01T20:00:00.000Z",
    };
    const text = pullAnswerJson(page);
    expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(page)));
    expect(JSON.parse(text).changes[0].data.stock).toEqual({ a: 1 });
  });

  it("announces the next page's cursors in a header, the body's own; none on the last page", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    let query = "cursor=0&invoiceCursor=0&stockCursor=0&limit=7&counts=1";
    for (let pages = 0; pages < 50; pages++) {
      const res = await till.pull(query);
      expect(res.status).toBe(200);
      const body = res.body;
      const announced = res.headers[NEXT_PULL_HEADER];
      if (!body.hasMore) {
        expect(announced).toBeUndefined();
        return;
      }
      const expected = new URLSearchParams({
        cursor: String(body.cursor),
        invoiceCursor: String(body.invoiceCursor),
        stockCursor: String(body.stock.cursor),
        stockWarehouseId: body.stock.warehouseId,
      });
      expect(announced).toBe(expected.toString());
      query = `${expected}&limit=7`;
    }
    throw new Error("the pull never ends");
  });
});
