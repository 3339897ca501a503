import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { precompressDirectory } from "./precompressPlugin";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("precompressDirectory", () => {
  it("writes .br and .gz beside every text file worth it, decoding to the same bytes; skips images and tiny files", () => {
    dir = mkdtempSync(join(tmpdir(), "precompress-"));
    mkdirSync(join(dir, "assets"));
    const js = `export const t = ${JSON.stringify("Nota crédito ".repeat(500))};`;
    writeFileSync(join(dir, "assets", "index-X1.js"), js);
    writeFileSync(join(dir, "tiny.css"), "a{}");
    writeFileSync(join(dir, "icon.png"), Buffer.alloc(4096, 7));

    const totals = precompressDirectory(dir);

    expect(totals.files).toBe(1);
    expect(totals.rawBytes).toBe(Buffer.byteLength(js));
    expect(totals.brotliBytes).toBeLessThan(totals.rawBytes / 10);
    const base = join(dir, "assets", "index-X1.js");
    expect(brotliDecompressSync(readFileSync(`${base}.br`)).toString()).toBe(js);
    expect(gunzipSync(readFileSync(`${base}.gz`)).toString()).toBe(js);
    expect(existsSync(join(dir, "tiny.css.br"))).toBe(false);
    expect(existsSync(join(dir, "icon.png.br"))).toBe(false);
  });
});
