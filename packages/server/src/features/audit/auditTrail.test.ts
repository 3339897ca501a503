import { describe, expect, it } from "vitest";
import { auditChanges } from "./auditTrail";

describe("auditChanges", () => {
  it("lists only the fields that changed, from and to, never the version", () => {
    const before = { id: "a", version: 3, name: "Pan", price: 100, stock: { w: 1 } };
    const after = { id: "a", version: 9, name: "Pan tajado", price: 100, stock: { w: 2 } };
    expect(auditChanges(before, after)).toEqual({
      name: { from: "Pan", to: "Pan tajado" },
      stock: { from: { w: 1 }, to: { w: 2 } },
    });
    expect(auditChanges(before, { ...before, version: 10 })).toEqual({});
  });

  it("a create has every field from null; a delete every field to null", () => {
    expect(auditChanges(null, { id: "a", version: 1, name: "Pan", barcode: null })).toEqual({
      name: { from: null, to: "Pan" },
      barcode: { from: null, to: null },
    });
    expect(auditChanges({ id: "a", version: 1, name: "Pan" }, null)).toEqual({ name: { from: "Pan", to: null } });
  });

  it("a secret that was set shows as changed with from/to null, whatever its value", () => {
    expect(auditChanges({ id: "u", name: "Ana" }, { id: "u", name: "Ana" }, ["password"])).toEqual({
      password: { from: null, to: null },
    });
  });
});
