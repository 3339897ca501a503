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
    // Short-lived garbage until the young generation passes `above` MB or `ms` have gone by: its largest size.
    // It grows with the time the process allocates (≈ 0.5 s to reach 128 MB on the CI machine), so the probe
    // stops on size, not after a fixed time that a faster or slower machine would make too short.
    const probe = `const v8 = require("node:v8"); const [above, ms] = process.argv.slice(-2).map(Number);
      let max = 0, keep = []; const t = Date.now();
      while (Date.now() - t < ms && max <= above * 2 ** 20) {
        for (let i = 0; i < 2000; i++) keep.push({ a: i, b: "x" + i });
        if (keep.length > 200000) keep = [];
        const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === "new_space");
        max = Math.max(max, s.space_size);
      }
      console.log(max);`;
    const run = (flags: string[], above: number, ms: number) => {
      const out = spawnSync(process.execPath, [...flags, "-e", probe, String(above), String(ms)], {
        encoding: "utf8",
        timeout: 30_000,
      });
      return Number(out.stdout.trim()) / 2 ** 20;
    };
    // Two semi-spaces of 16 MB: 32 MB (32.0–33.25 seen). V8 doubles a semi-space when it grows, so its next size
    // would make 64 MB: anything below that, after 3 s of allocation, is the cap holding.
    expect(run(productionNodeFlags(), 48, 3000)).toBeLessThan(48);
    // The probe does grow the young generation past that: with a higher cap it reaches 128 MB.
    expect(run(["--max-semi-space-size=64"], 64, 20_000)).toBeGreaterThan(64);
  }, 60_000);

  it("refuses a start script of another shape rather than guessing its flags", () => {
    expect(() => productionNodeFlags("tsx src/main.ts")).toThrow(/start script/);
    expect(() => productionNodeFlags("node --no-liftoff dist/main.js --port 3000")).toThrow(/start script/);
  });
});
