import { describe, expect, it } from "vitest";
import { productionNodeFlags } from "./serverProcess";

describe("productionNodeFlags", () => {
  it("are the flags between node and dist/main.js in the server's start script", () => {
    expect(productionNodeFlags("node --no-liftoff dist/main.js")).toEqual(["--no-liftoff"]);
    expect(productionNodeFlags("node dist/main.js")).toEqual([]);
  });

  it("reads the server package's own start script (PGlite's WebAssembly compiled by TurboFan from the start)", () => {
    expect(productionNodeFlags()).toContain("--no-liftoff");
  });

  it("refuses a start script of another shape rather than guessing its flags", () => {
    expect(() => productionNodeFlags("tsx src/main.ts")).toThrow(/start script/);
    expect(() => productionNodeFlags("node --no-liftoff dist/main.js --port 3000")).toThrow(/start script/);
  });
});
