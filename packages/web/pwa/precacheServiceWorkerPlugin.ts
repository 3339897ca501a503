import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

/**
 * Emits /sw.js at build time with the list of every file of the build (the app shell)
 * and a version derived from their names, so a new build is a new service worker.
 */
export function precacheServiceWorkerPlugin(publicFiles: string[]): Plugin {
  return {
    name: "mostrador-precache-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((file) => !file.endsWith(".map") && file !== "sw.js");
      const urls = [...new Set(["/", "/index.html", ...built.map((f) => `/${f}`), ...publicFiles])].sort();
      const version = hashText(urls.join("\n") + Object.values(bundle).map(chunkFingerprint).join("\n"));
      const template = readFileSync(new URL("./serviceWorkerTemplate.js", import.meta.url), "utf8");
      const source = template
        .replace("__MOSTRADOR_VERSION__", version)
        .replace("__MOSTRADOR_PRECACHE__", JSON.stringify(urls, null, 2));
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}

function chunkFingerprint(output: { type: string; fileName: string; code?: string; source?: unknown }): string {
  if (output.type === "chunk" && typeof output.code === "string") return hashText(output.code);
  if (typeof output.source === "string") return hashText(output.source);
  if (output.source instanceof Uint8Array) return hashText(Buffer.from(output.source).toString("base64"));
  return output.fileName;
}

/** FNV-1a, 32 bits: enough to tell builds apart. */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
