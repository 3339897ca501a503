import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
/** Below this a compressed copy saves less than the headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes `file.br` and `file.gz` beside every compressible file of a built folder, at the strongest settings:
 * done once at build time, so the server only picks the copy the browser accepts (@fastify/static
 * `preCompressed`) and a shop's slow mobile connection downloads a fraction of the bytes.
 * Returns what it wrote, for the build log and the tests.
 */
export function precompressDirectory(dir: string): { files: number; rawBytes: number; brotliBytes: number } {
  const totals = { files: 0, rawBytes: 0, brotliBytes: 0 };
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (!COMPRESSIBLE.test(name)) continue;
      const raw = readFileSync(path);
      if (raw.length < MIN_BYTES) continue;
      const brotli = brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      });
      writeFileSync(`${path}.br`, brotli);
      writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
      totals.files += 1;
      totals.rawBytes += raw.length;
      totals.brotliBytes += brotli.length;
    }
  };
  walk(dir);
  return totals;
}

/** Runs precompressDirectory on the build output once every other plugin (the service worker too) has written. */
export function precompressPlugin(outDir: string): Plugin {
  return {
    name: "mostrador-precompress",
    apply: "build",
    closeBundle() {
      const { files, rawBytes, brotliBytes } = precompressDirectory(outDir);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`precompressed ${files} files: ${kb(rawBytes)} → ${kb(brotliBytes)} brotli (gzip copies too)`);
    },
  };
}
