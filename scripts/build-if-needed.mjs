// `npm start` (and the server's commands) run built code: the POS web app (packages/web/dist) and the server
// compiled to JavaScript (packages/server/dist). Build each one only when it is missing or older than its sources.
// Usage: node scripts/build-if-needed.mjs [web] [server]   (both when no argument)
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const targets = {
  web: {
    built: "packages/web/dist/index.html",
    sources: ["packages/web/src", "packages/web/index.html", "packages/domain/src"],
    command: "npm run build -w @mostrador/web",
    what: "the POS web app",
  },
  server: {
    built: "packages/server/dist/main.js",
    sources: ["packages/server/src", "packages/server/scripts", "packages/domain/src"],
    command: "npm run build -w @mostrador/server",
    what: "the server",
  },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(targets);
for (const name of wanted) {
  const target = targets[name];
  if (!target) throw new Error(`unknown build target ${name} (web, server)`);
  const sourceTime = Math.max(
    ...target.sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs)),
  );
  if (!existsSync(target.built) || sourceTime > statSync(target.built).mtimeMs) {
    console.log(`Building ${target.what} (first start or sources changed)…`);
    execSync(target.command, { stdio: "inherit" });
  }
}
