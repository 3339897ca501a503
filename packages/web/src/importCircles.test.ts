import { findCircle, folderGraph } from "@mostrador/server/testing/importCircles";
import { describe, expect, it } from "vitest";

describe("web folders", () => {
  it("import each other without a circle", () => {
    const graph = folderGraph(import.meta.dirname);
    expect(graph.get("sale")?.has("receipt")).toBe(true); // the scan sees real imports
    expect(findCircle(graph)).toBeNull();
  });
});
