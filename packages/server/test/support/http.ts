import type { TestServer } from "../../src/testing/testServer";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field by the assertions
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
  headers: Record<string, unknown>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (no JSON.stringify): malformed JSON, huge bodies. */
  raw?: string;
  headers?: Record<string, string>;
}

type Method = "GET" | "POST" | "PATCH" | "DELETE" | "PUT";

/** A thin JSON client over app.inject(): no port, the real routes, hooks and error handler. */
export function httpClient(server: TestServer) {
  const call = async (method: Method, url: string, options: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
      headers["content-type"] = "application/json";
    const res = await server.app.inject({ method, url, headers, payload });
    let body: Json = null;
    if (res.body) {
      try {
        body = JSON.parse(res.body);
      } catch {
        body = res.body;
      }
    }
    return { status: res.statusCode, body, headers: res.headers };
  };
  return {
    call,
    get: (url: string, o?: CallOptions) => call("GET", url, o),
    post: (url: string, body?: unknown, o?: CallOptions) => call("POST", url, { ...o, body }),
    patch: (url: string, body?: unknown, o?: CallOptions) => call("PATCH", url, { ...o, body }),
    put: (url: string, body?: unknown, o?: CallOptions) => call("PUT", url, { ...o, body }),
    del: (url: string, o?: CallOptions) => call("DELETE", url, o),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

/** Every error leaves as {error:{code,message}}. */
export function expectApiError(reply: Reply, status: number, code?: string) {
  const ok =
    reply.status === status &&
    typeof reply.body?.error?.code === "string" &&
    typeof reply.body?.error?.message === "string" &&
    (code === undefined || reply.body.error.code === code);
  if (!ok)
    throw new Error(
      `expected ${status}${code ? ` ${code}` : ""} with {error:{code,message}}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 600)}`,
    );
}
