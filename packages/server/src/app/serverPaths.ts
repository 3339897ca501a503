import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the server package lives on disk, found by walking up from this module until the folder that holds
 * `migrations/`. The same answer whether the code runs from TypeScript sources (src/app/…) or from the
 * compiled bundle (dist/…), whose files sit at a different depth.
 */
function findServerRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "migrations")) && existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the server package (migrations/) above ${start}`);
    dir = parent;
  }
}

export const serverRoot = findServerRoot(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = resolve(serverRoot, "../..");
export const migrationsDir = join(serverRoot, "migrations");
export const defaultWebDist = join(repoRoot, "packages/web/dist");
