// `npm start` serves the built POS app: build it once when it is missing or older than its sources.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const web = "packages/web";
const built = join(web, "dist", "index.html");

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stale =
  !existsSync(built) || Math.max(newest(join(web, "src")), newest("packages/domain/src")) > statSync(built).mtimeMs;
if (stale) {
  console.log("Building the POS web app (first start or sources changed)…");
  execSync("npm run build -w @mostrador/web", { stdio: "inherit" });
}
