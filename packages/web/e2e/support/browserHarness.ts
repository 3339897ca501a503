import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@mostrador/server/testing/freePort";
import { type ServerProcess, startServerProcess } from "@mostrador/server/testing/serverProcess";
import { type Browser, type BrowserContext, chromium, type LaunchOptions } from "playwright-core";
import { chromiumArgs, chromiumPath } from "./chromiumLaunch.mjs";

export { chromiumPath };
export const browserAvailable = existsSync(chromiumPath);
/** Browser tests need the embedded database of their own server process; the PostgreSQL pass skips them. */
export const runBrowserTests = browserAvailable && !process.env.TEST_DATABASE_URL;

if (!browserAvailable) {
  if (process.env.REQUIRE_BROWSER === "1")
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${chromiumPath}: apt-get install -y chromium`);
  console.warn(`[e2e] SKIPPED: no Chromium at ${chromiumPath} (install it, or set CHROMIUM_PATH)`);
} else if (process.env.TEST_DATABASE_URL) {
  console.warn("[e2e] SKIPPED in the PostgreSQL pass: browser tests ran against the embedded database");
}

export const launchOptions: LaunchOptions = { executablePath: chromiumPath, headless: true, args: [...chromiumArgs] };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions);
}

/** A browser with a profile folder of its own, so it can be closed and reopened with the same data. */
export function launchProfile(userDataDir: string, viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...launchOptions, viewport });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mostrador-${prefix}-`));
}

let built = false;
const repoRoot = join(import.meta.dirname, "../../../..");
const webDist = join(repoRoot, "packages/web/dist");
/** Vitest sets NODE_ENV=test; a build that inherits it is a development build without the service worker. */
const productionEnv = { ...process.env, NODE_ENV: "production" };

/** React's development build prints this; a production bundle never contains it. */
function distIsDevelopmentBuild(): boolean {
  const assets = join(webDist, "assets");
  if (!existsSync(assets)) return false;
  return readdirSync(assets)
    .filter((file) => file.endsWith(".js"))
    .some((file) => readFileSync(join(assets, file), "utf8").includes("Download the React DevTools"));
}

/**
 * The server serves packages/web/dist and runs compiled (packages/server/dist), as in production: build both when
 * missing or stale (fresh clones), always in production mode.
 */
export function ensureWebBuilt() {
  if (built) return;
  execSync("node scripts/build-if-needed.mjs web server", { cwd: repoRoot, stdio: "inherit", env: productionEnv });
  if (distIsDevelopmentBuild()) {
    console.warn("[e2e] packages/web/dist is a development build (no service worker): rebuilding for production");
    execSync("npm run build -w @mostrador/web", { cwd: repoRoot, stdio: "inherit", env: productionEnv });
  }
  built = true;
}

export interface E2eServer {
  server: ServerProcess;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The real server in its own process, embedded database in a temp folder, demo company seeded. */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  ensureWebBuilt();
  const dataDir = tempDir("e2e-data");
  const server = await startServerProcess({ port: await freePort(), dataDir, seedDemo: true, env, compiled: true });
  return {
    server,
    url: server.url,
    dataDir,
    close: async () => {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const demoLogins = {
  admin: { email: "admin@ejemplar.co", password: "ejemplar2026" },
  cashier: { email: "caja@ejemplar.co", password: "ejemplar2026" },
};
