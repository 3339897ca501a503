import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findCircle, folderGraph } from "./testing/importCircles";

describe("server folders", () => {
  it("features import each other without a circle", () => {
    const graph = folderGraph(join(import.meta.dirname, "features"));
    expect(graph.get("sync")?.has("invoices")).toBe(true); // the scan sees real imports
    expect(findCircle(graph)).toBeNull();
  });

  it("the lower layers never import a feature", () => {
    const graph = folderGraph(import.meta.dirname);
    for (const layer of ["db", "http", "auth"]) expect([...(graph.get(layer) ?? [])], layer).not.toContain("features");
  });
});
