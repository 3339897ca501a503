import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precacheServiceWorkerPlugin } from "./pwa/precacheServiceWorkerPlugin";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const publicDir = join(webRoot, "public");

function listPublicFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listPublicFiles(path);
    return [`/${relative(publicDir, path).split("\\").join("/")}`];
  });
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), precacheServiceWorkerPlugin(listPublicFiles(publicDir))],
  build: {
    outDir: join(webRoot, "dist"),
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
  preview: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
