import type { FastifyInstance } from "fastify";

/**
 * A `fetch` that hands each request to an in-process Fastify app (app.inject): the real
 * routes, hooks and database, no sockets. `getApp` is read per call, so a test can swap
 * in a new app instance to emulate a server restart.
 */
export function injectFetch(getApp: () => FastifyInstance): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input), "http://mostrador.test");
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const res = await getApp().inject({
      method: (init?.method ?? request?.method ?? "GET") as "GET",
      url: url.pathname + url.search,
      headers,
      payload: typeof init?.body === "string" ? init.body : undefined,
    });
    const outHeaders = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) outHeaders.set(k, String(v));
    const empty = res.statusCode === 204 || res.statusCode === 304;
    return new Response(empty ? null : res.body, { status: res.statusCode, headers: outHeaders });
  };
}
