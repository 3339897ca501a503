import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precacheServiceWorkerPlugin } from "./pwa/precacheServiceWorkerPlugin";
import { precompressPlugin } from "./pwa/precompressPlugin";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
/** Where `vite` (dev) and `vite preview` send /api; the server's default port unless MOSTRADOR_API says otherwise. */
const apiTarget = process.env.MOSTRADOR_API ?? "http://127.0.0.1:3000";
const publicDir = join(webRoot, "public");
const outDir = join(webRoot, "dist");
/** The app version each till reports to the admin's device list (VITE_APP_VERSION overrides package.json). */
const appVersion =
  process.env.VITE_APP_VERSION ??
  (JSON.parse(readFileSync(join(webRoot, "package.json"), "utf8")) as { version: string }).version;

function listPublicFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listPublicFiles(path);
    return [`/${relative(publicDir, path).split("\\").join("/")}`];
  });
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), precacheServiceWorkerPlugin(listPublicFiles(publicDir)), precompressPlugin(outDir)],
  define: { "import.meta.env.VITE_APP_VERSION": JSON.stringify(appVersion) },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    // The budget is 300 KB gzipped for the initial JS; the raw size of the main chunk is about 500 KB.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
});
