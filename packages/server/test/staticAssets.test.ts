import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app/buildApp";
import { useTestServer } from "./support/testServer";

const server = useTestServer();

/** A built app as web/pwa/precompressPlugin leaves it: each text file with its .br and .gz copies. */
function fakeWebDist() {
  const dir = mkdtempSync(join(tmpdir(), "mostrador-dist-"));
  mkdirSync(join(dir, "assets"));
  const bundle = `console.log(${JSON.stringify("Facturar ".repeat(4000))});`;
  const files: Record<string, string> = {
    "index.html": `<!doctype html><html><body><script type="module" src="/assets/index-Ab12Cd34.js"></script>${" ".repeat(2000)}</body></html>`,
    "sw.js": `self.addEventListener("fetch", () => {});${" ".repeat(2000)}`,
    "assets/index-Ab12Cd34.js": bundle,
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
  }
  return { dir, bundle };
}

describe("the built app is served compressed, hashed files cached for a year", () => {
  const dist = fakeWebDist();
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    app = await buildApp({ db: server.db, webDist: dist.dir });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist.dir, { recursive: true, force: true });
  });

  it("brotli when accepted, else gzip, else the plain file; the same bytes once decoded", async () => {
    const url = "/assets/index-Ab12Cd34.js";
    const br = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.rawPayload.length).toBeLessThan(dist.bundle.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(dist.bundle);

    const gz = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(dist.bundle);

    const plain = await app.inject({ method: "GET", url, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(dist.bundle);
  });

  it("hashed assets: immutable for a year; the app shell and the service worker: revalidated every time", async () => {
    const asset = await app.inject({ method: "GET", url: "/assets/index-Ab12Cd34.js" });
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const url of ["/", "/index.html", "/sw.js", "/admin/productos"]) {
      const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": "br" } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-cache");
    }
  });
});
