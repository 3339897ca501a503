import { SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { FetchServerTransport } from "./fetchServerTransport";
import { TransportError } from "./transportErrors";

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe("FetchServerTransport", () => {
  it("sends the bearer token, the schema header and the pull cursors", async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const transport = new FetchServerTransport({
      baseUrl: "http://server",
      fetch: async (url, init) => {
        seen.push({ url: String(url), init: init ?? {} });
        return json(200, { cursor: 5, invoiceCursor: 2, hasMore: false, reset: false, changes: [], serverTime: "x" });
      },
    });
    const page = await transport.pull("device-token", { cursor: 3, invoiceCursor: 1, counts: true });
    expect(page.cursor).toBe(5);
    expect(seen[0]?.url).toBe("http://server/api/sync/pull?cursor=3&invoiceCursor=1&limit=2000&counts=1&stockCursor=0");
    const headers = seen[0]?.init.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer device-token");
    expect(headers[SCHEMA_VERSION_HEADER]).toBe(String(SYNC_SCHEMA_VERSION));
  });

  it("maps failures to typed errors", async () => {
    const answer = (response: () => Response | Promise<Response>) =>
      new FetchServerTransport({ fetch: async () => response() });
    const unauthenticated = await failure(
      answer(() => json(401, { error: { code: "UNAUTHENTICATED", message: "bad" } })).login({
        email: "a",
        password: "b",
      }),
    );
    expect(unauthenticated).toMatchObject({ kind: "unauthenticated", code: "UNAUTHENTICATED", transient: false });
    const maintenance = await failure(
      answer(() => json(503, { error: { code: "MAINTENANCE", message: "later" } }, { "retry-after": "120" })).health(),
    );
    expect(maintenance).toMatchObject({ kind: "unavailable", transient: true });
    expect(maintenance.details.retryAfterMs).toBe(120_000);
    expect((await failure(answer(() => json(500, {})).status())).kind).toBe("server");
    expect(
      (await failure(answer(() => json(422, { error: { code: "VALIDATION_FAILED", message: "x" } })).status())).kind,
    ).toBe("client");
    const offline = await failure(
      answer(() => {
        throw new TypeError("Failed to fetch");
      }).health(),
    );
    expect(offline).toMatchObject({ kind: "network", transient: true });
  });

  it("times out a request that never answers", async () => {
    const transport = new FetchServerTransport({
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    });
    expect((await failure(transport.status())).kind).toBe("timeout");
  });

  it("rejects a push answer without one result per invoice", async () => {
    const transport = new FetchServerTransport({ fetch: async () => json(200, { results: [], serverTime: "x" }) });
    const error = await failure(transport.push("t", { invoices: [{} as never] }));
    expect(error.kind).toBe("invalid_response");
  });

  it("parses every answer with the domain's response schema: a 2xx off the contract is invalid_response", async () => {
    const answering = (body: unknown) => new FetchServerTransport({ fetch: async () => json(200, body) });
    const uuid = "0190a5b4-0000-7000-8000-000000000001";
    const offContract: [string, (t: FetchServerTransport) => Promise<unknown>][] = [
      ["login without a token", (t) => t.login({ email: "a@b.co", password: "x" })],
      ["status without maintenance", (t) => t.status()],
      ["terminals without items", (t) => t.listTerminals("t")],
      ["register without a device token", (t) => t.registerDevice("t", { terminalId: uuid })],
      ["pull with a string cursor", (t) => t.pull("t", { cursor: 0, invoiceCursor: 0 })],
      ["lease without a range", (t) => t.leaseNumberBlock("t", { numberingId: uuid })],
      ["invoice detail without attempts", (t) => t.getInvoiceDetail("t", uuid)],
      ["maintenance windows", (t) => t.listMaintenanceWindows("t")],
      ["numbering report", (t) => t.numberingReport("t", uuid)],
      ["release numbers", (t) => t.releaseTerminalNumbers("t", uuid)],
    ];
    for (const [what, call] of offContract) {
      const error = await failure(call(answering({ id: uuid, cursor: "5", items: "none", changes: [] })));
      expect(error.kind, what).toBe("invalid_response");
      // Transient (isTransientKind): at a till it is mostly a captive portal answering for the server.
      expect(error.transient, what).toBe(true);
    }
    const window = { id: uuid, startsAt: "2026-11-30T07:00:00.000Z", endsAt: "2026-11-30T08:00:00.000Z" };
    const status = await answering({
      serverTime: "2026-11-30T06:00:00.000Z",
      maintenance: { current: null, next: { ...window, message: "", version: 3 } },
      extra: "a newer server may add fields",
    }).status();
    expect(status.maintenance.next?.version).toBe(3);
    const missingVersion = answering({
      serverTime: "x",
      maintenance: { current: null, next: { ...window, message: "" } },
    });
    expect((await failure(missingVersion.status())).kind).toBe("invalid_response");
  });
});
