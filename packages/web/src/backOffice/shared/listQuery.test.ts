import { describe, expect, it } from "vitest";
import {
  emptyListQuery,
  listQueryFromSearch,
  listQueryToApi,
  listQueryToSearch,
  pageCount,
  sortDirection,
  toggleSort,
} from "./listQuery";

describe("list query ↔ URL", () => {
  it("leaves the defaults out of the URL", () => {
    expect(listQueryToSearch(emptyListQuery())).toBe("");
  });

  it("round-trips search, sort, active, filters and page through the URL", () => {
    const query = {
      q: "café molido",
      sort: "-price",
      page: 3,
      active: "false" as const,
      filters: { taxId: "t1", categoryId: "c1" },
    };
    const search = listQueryToSearch(query);
    expect(search).toBe("?q=caf%C3%A9+molido&orden=-price&activo=false&categoryId=c1&taxId=t1&pagina=3");
    expect(listQueryFromSearch(search, ["categoryId", "taxId"])).toEqual(query);
  });

  it("ignores filters the screen does not know and broken pages", () => {
    const query = listQueryFromSearch("?role=admin&pagina=-2&activo=maybe&orden=", ["idType"]);
    expect(query).toEqual(emptyListQuery());
  });

  it("turns the state into the API's limit/offset, q, sort, active and filters", () => {
    const api = new URLSearchParams(
      listQueryToApi(
        { q: "  pan ", sort: "-name", page: 2, active: "true", filters: { role: "admin", idType: "" } },
        25,
      ),
    );
    expect(Object.fromEntries(api)).toEqual({
      limit: "25",
      offset: "25",
      q: "pan",
      sort: "-name",
      active: "true",
      role: "admin",
    });
  });

  it("leaves the default order to the server", () => {
    expect(listQueryToApi(emptyListQuery(), 50)).toBe("limit=50&offset=0");
  });

  it("flips the direction on the sorted column and starts ascending on another", () => {
    expect(toggleSort("name", "name")).toBe("-name");
    expect(toggleSort("-name", "name")).toBe("name");
    expect(toggleSort("name", "price")).toBe("price");
    expect(sortDirection("-price", "price")).toBe("descending");
    expect(sortDirection("name", "price")).toBeNull();
  });

  it("counts pages, at least one", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(51, 25)).toBe(3);
  });
});
