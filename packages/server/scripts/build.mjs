// Compiles the server to plain JavaScript (dist/), so production runs `node dist/main.js`, not tsx.
// The domain package is TypeScript source and is bundled in; every other dependency stays a package import.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(serverRoot, "package.json"), "utf8"));
const domainPkg = JSON.parse(readFileSync(join(serverRoot, "../domain/package.json"), "utf8"));
const external = [...Object.keys(pkg.dependencies), ...Object.keys(domainPkg.dependencies ?? {})].filter(
  (name) => name !== "@mostrador/domain",
);

rmSync(join(serverRoot, "dist"), { recursive: true, force: true });
const started = Date.now();
await build({
  absWorkingDir: serverRoot,
  entryPoints: {
    main: "src/main.ts",
    "cli/migrate": "src/cli/migrate.ts",
    "cli/seed": "src/cli/seed.ts",
    "cli/createCompany": "src/cli/createCompany.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external,
  logLevel: "warning",
});
console.log(`server built to packages/server/dist in ${Date.now() - started} ms`);
