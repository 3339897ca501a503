/**
 * The ingest benchmark's HTTP client, as light as the bare anchor's (../shared/anchors/http.mjs): node:http
 * with one keep-alive agent (a socket per concurrent till), or undici's fetch (`--client fetch`).
 */
import http from "node:http";
import { SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";

// biome-ignore lint/suspicious/noExplicitAny: a benchmark reads a few known fields of the JSON answers
export type BenchAnswer = Record<string, any>;

export function benchHttpClient(baseUrl: string, kind: "http" | "fetch") {
  const headers = (token?: string) => ({
    "content-type": "application/json",
    [SCHEMA_VERSION_HEADER]: String(SYNC_SCHEMA_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  // The anchor's client: node:http, one keep-alive agent (a socket per concurrent till).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const serverUrl = new URL(baseUrl);
  /** POSTs a body already serialized; the answer's JSON. */
  function postText(path: string, text: string, token?: string): Promise<BenchAnswer> {
    if (kind === "fetch")
      return fetch(`${baseUrl}${path}`, { method: "POST", headers: headers(token), body: text }).then(
        (r) => r.json() as Promise<BenchAnswer>,
      );
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: serverUrl.hostname,
          port: serverUrl.port,
          path,
          method: "POST",
          agent,
          headers: { ...headers(token), "content-length": Buffer.byteLength(text) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
            } catch (err) {
              reject(err);
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(text);
    });
  }
  /** GETs `path` with the phase's client (as postText): the answer's text and headers. */
  async function getText(path: string, token: string): Promise<{ text: string; headers: [string, string][] }> {
    if (kind === "fetch") {
      const r = await fetch(`${baseUrl}${path}`, { headers: headers(token) });
      return { text: await r.text(), headers: [...r.headers] };
    }
    return new Promise((resolve, reject) => {
      const req = http.get(
        { host: serverUrl.hostname, port: serverUrl.port, path, agent, headers: headers(token) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const raw = res.rawHeaders;
            const pairs: [string, string][] = [];
            for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
            resolve({ text: Buffer.concat(chunks).toString("utf8"), headers: pairs });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
    });
  }
  return { agent, postText, getText };
}
