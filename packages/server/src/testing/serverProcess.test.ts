import { spawnSync } from "node:child_process";
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

  it("keep V8's young generation at 16 MB semi-spaces, as Node 20 and 22 have it (Node 24 grows it to 64 MB)", () => {
    // Short-lived garbage until the young generation stops growing: its largest size with the server's flags.
    const probe = `const v8 = require("node:v8"); let max = 0, keep = []; const t = Date.now();
      while (Date.now() - t < 300) {
        for (let i = 0; i < 2000; i++) keep.push({ a: i, b: "x" + i });
        if (keep.length > 200000) keep = [];
        const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === "new_space");
        max = Math.max(max, s.space_size);
      }
      console.log(max);`;
    const run = (flags: string[]) => {
      const out = spawnSync(process.execPath, [...flags, "-e", probe], { encoding: "utf8", timeout: 30_000 });
      return Number(out.stdout.trim()) / 2 ** 20;
    };
    // Two semi-spaces of 16 MB: 32 MB (32.0–33.0 seen). V8 doubles a semi-space when it grows, so its next size
    // would make 64 MB: anything below that is the cap holding.
    expect(run(productionNodeFlags())).toBeLessThan(48);
    // The probe does grow the young generation to its cap: without the flag the cap is the runtime's own.
    expect(run(["--max-semi-space-size=64"])).toBeGreaterThan(64);
  });

  it("refuses a start script of another shape rather than guessing its flags", () => {
    expect(() => productionNodeFlags("tsx src/main.ts")).toThrow(/start script/);
    expect(() => productionNodeFlags("node --no-liftoff dist/main.js --port 3000")).toThrow(/start script/);
  });
});
