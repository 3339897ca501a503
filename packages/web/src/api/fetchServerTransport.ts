import {
  type DeviceReport,
  type DeviceRow,
  type InvoiceDetail,
  type InvoiceLookup,
  type InvoiceSummary,
  type LeaseRequest,
  NEXT_PULL_HEADER,
  type NewMaintenanceWindow,
  type Numbering,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RegisterDeviceRequest,
  SCHEMA_VERSION_HEADER,
  SYNC_SCHEMA_VERSION,
  type Terminal,
} from "@mostrador/domain";
import type { z } from "zod";
import { announcedPullOf } from "./announcedPull";
import { pullAnswerFromNewerServer, pushAnswerFromNewerServer } from "./newerServer";
import type { CallOptions, HttpMethod, PullOptions, PullQuery, ServerTransport } from "./serverTransport";
import { parseRetryAfter, TransportError } from "./transportErrors";

type TillResponseSchemas = typeof import("./tillResponseSchemas");
let tillResponseSchemas: Promise<TillResponseSchemas> | undefined;

/** zod and the contract's schemas are their own chunk (the sale screen needs none); loaded once, retried if it failed. */
function loadTillResponseSchemas(): Promise<TillResponseSchemas> {
  if (!tillResponseSchemas) {
    tillResponseSchemas = import("./tillResponseSchemas");
    tillResponseSchemas.catch(() => {
      tillResponseSchemas = undefined;
    });
  }
  return tillResponseSchemas;
}

export interface FetchTransportOptions {
  /** "" for the same origin (the server serves the app), or "http://127.0.0.1:3000". */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Default time limit per request. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export class FetchServerTransport implements ServerTransport {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: FetchTransportOptions = {}) {
    this.baseUrl = (options.baseUrl ?? "").replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  health(options?: CallOptions) {
    return this.call((s) => s.healthResponseSchema, "health", "GET", "/api/health", {
      ...options,
      timeoutMs: options?.timeoutMs ?? 5000,
    });
  }

  status(options?: CallOptions & { token?: string }) {
    return this.call((s) => s.serverStatusSchema, "status", "GET", "/api/status", options);
  }

  login(credentials: { email: string; password: string }, options?: CallOptions) {
    return this.call((s) => s.loginResponseSchema, "login", "POST", "/api/auth/login", {
      ...options,
      body: credentials,
    });
  }

  async logout(userToken: string, options?: CallOptions): Promise<void> {
    await this.request("POST", "/api/auth/logout", { ...options, token: userToken });
  }

  retireDevice(deviceToken: string, options?: CallOptions) {
    return this.call((s) => s.retireDeviceResponseSchema, "retire device", "POST", "/api/devices/current/retire", {
      ...options,
      token: deviceToken,
      body: {},
    });
  }

  me(userToken: string, options?: CallOptions) {
    return this.call((s) => s.meResponseSchema, "me", "GET", "/api/auth/me", { ...options, token: userToken });
  }

  async listTerminals(userToken: string, options?: CallOptions): Promise<Terminal[]> {
    const body = await this.call((s) => s.terminalListSchema, "terminals", "GET", "/api/terminals", {
      ...options,
      token: userToken,
    });
    return body.items;
  }

  async listNumberings(userToken: string, options?: CallOptions): Promise<Numbering[]> {
    const body = await this.call((s) => s.numberingListSchema, "numberings", "GET", "/api/numberings?limit=500", {
      ...options,
      token: userToken,
    });
    return body.items;
  }

  registerDevice(userToken: string, request: RegisterDeviceRequest, options?: CallOptions) {
    return this.call((s) => s.registerDeviceResponseSchema, "register device", "POST", "/api/devices/register", {
      ...options,
      token: userToken,
      body: request,
    });
  }

  pull(deviceToken: string, query: PullQuery, options: PullOptions = {}): Promise<PullResponse> {
    const params = new URLSearchParams({
      cursor: String(query.cursor),
      invoiceCursor: String(query.invoiceCursor),
      limit: String(query.limit ?? 2000),
    });
    if (query.counts) params.set("counts", "1");
    // Inventory (issue 14): sending a stock cursor (0 at first) asks for the stock section.
    params.set("stockCursor", String(query.stockCursor ?? 0));
    if (query.stockWarehouseId) params.set("stockWarehouseId", query.stockWarehouseId);
    const { onNextPull, ...callOptions } = options;
    const onResponse = (response: Response) => {
      const next = onNextPull && response.ok ? announcedPullOf(response.headers.get(NEXT_PULL_HEADER)) : null;
      if (next) onNextPull?.(next);
    };
    return this.call(
      (s) => s.pullResponseSchema,
      "pull",
      "GET",
      `/api/sync/pull?${params}`,
      { ...callOptions, token: deviceToken, onResponse },
      pullAnswerFromNewerServer,
    );
  }

  async push(deviceToken: string, request: PushRequest, options?: CallOptions): Promise<PushResponse> {
    const body = await this.call(
      (s) => s.pushResponseSchema,
      "push",
      "POST",
      "/api/sync/push",
      { ...options, token: deviceToken, body: request },
      pushAnswerFromNewerServer,
    );
    if (body.results.length !== request.invoices.length) {
      throw new TransportError("invalid_response", "push: not one result per invoice", { body });
    }
    if (request.shifts && body.shiftResults?.length !== request.shifts.length) {
      throw new TransportError("invalid_response", "push: not one result per shift", { body });
    }
    return body;
  }

  reportDevice(deviceToken: string, report: DeviceReport, options?: CallOptions) {
    return this.call((s) => s.deviceReportResponseSchema, "device report", "POST", "/api/devices/current/report", {
      ...options,
      token: deviceToken,
      body: report,
    });
  }

  leaseNumberBlock(deviceToken: string, request: LeaseRequest, options?: CallOptions) {
    return this.call((s) => s.numberBlockSchema, "lease", "POST", "/api/number-blocks/lease", {
      ...options,
      token: deviceToken,
      body: request,
    });
  }

  async listMaintenanceWindows(userToken: string, options?: CallOptions) {
    const path = "/api/maintenance-windows";
    const body = await this.call((s) => s.maintenanceWindowListSchema, "maintenance", "GET", path, {
      ...options,
      token: userToken,
    });
    return body.items;
  }

  createMaintenanceWindow(userToken: string, window: NewMaintenanceWindow, options?: CallOptions) {
    const path = "/api/maintenance-windows";
    return this.call((s) => s.maintenanceWindowSchema, "maintenance", "POST", path, {
      ...options,
      token: userToken,
      body: window,
    });
  }

  async cancelMaintenanceWindow(userToken: string, id: string, options?: CallOptions): Promise<void> {
    const path = `/api/maintenance-windows/${encodeURIComponent(id)}`;
    await this.request("DELETE", path, { ...options, token: userToken });
  }

  numberingReport(userToken: string, numberingId: string, options?: CallOptions) {
    const path = `/api/numberings/${encodeURIComponent(numberingId)}/report`;
    return this.call((s) => s.numberingReportSchema, "numbering report", "GET", path, { ...options, token: userToken });
  }

  releaseTerminalNumbers(userToken: string, terminalId: string, options?: CallOptions) {
    const path = `/api/terminals/${encodeURIComponent(terminalId)}/release-numbers`;
    return this.call((s) => s.releaseNumbersResultSchema, "release numbers", "POST", path, {
      ...options,
      token: userToken,
      body: {},
    });
  }

  async getInvoiceDetail(token: string, invoiceId: string, options?: CallOptions): Promise<InvoiceDetail> {
    const path = `/api/invoices/${encodeURIComponent(invoiceId)}`;
    const body = await this.call((s) => s.invoiceDetailSchema, "invoice detail", "GET", path, { ...options, token });
    if (body.id !== invoiceId) {
      throw new TransportError("invalid_response", "invoice detail: not the invoice asked for", { body });
    }
    return body;
  }

  findInvoiceByNumber(token: string, prefix: string, number: number, options?: CallOptions): Promise<InvoiceLookup> {
    const path = `/api/invoices/by-number?prefix=${encodeURIComponent(prefix)}&number=${number}`;
    return this.call((s) => s.invoiceLookupSchema, "invoice lookup", "GET", path, { ...options, token });
  }

  async voidInvoice(token: string, invoiceId: string, reason: string, options?: CallOptions): Promise<InvoiceSummary> {
    const path = `/api/invoices/${encodeURIComponent(invoiceId)}/void`;
    const body = await this.call((s) => s.invoiceSummarySchema, "void", "POST", path, {
      ...options,
      token,
      body: { reason },
    });
    if (body.id !== invoiceId || body.status !== "voided") {
      throw new TransportError("invalid_response", "void: the invoice did not come back voided", { body });
    }
    return body;
  }

  async listDevices(userToken: string, options?: CallOptions): Promise<DeviceRow[]> {
    const body = await this.call((s) => s.deviceListSchema, "devices", "GET", "/api/devices", {
      ...options,
      token: userToken,
    });
    return body.items;
  }

  revokeDevice(userToken: string, deviceId: string, options?: CallOptions): Promise<DeviceRow> {
    const path = `/api/devices/${encodeURIComponent(deviceId)}/revoke`;
    return this.call((s) => s.deviceRowSchema, "revoke device", "POST", path, {
      ...options,
      token: userToken,
      body: {},
    });
  }

  send<S extends z.ZodType>(
    schema: S,
    what: string,
    method: HttpMethod,
    path: string,
    options: CallOptions & { token?: string; body?: unknown } = {},
  ): Promise<z.output<S>> {
    return this.call(() => schema, what, method, path, options);
  }

  /**
   * A request whose 2xx answer must match the contract's schema, or it is `invalid_response`. The
   * schema is picked from the lazily loaded module, which loads while the request is in flight.
   */
  private async call<S extends z.ZodType>(
    pickSchema: (schemas: TillResponseSchemas) => S,
    what: string,
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
    /** Reads what a newer server may add before the schema checks the rest (sync answers). */
    prepare: (body: unknown) => unknown = (body) => body,
  ): Promise<z.output<S>> {
    const schemas = loadTillResponseSchemas();
    // Awaited even if the request fails, so a failed import never goes unhandled.
    const [answer, loaded] = await Promise.allSettled([this.request(method, path, options), schemas]);
    if (answer.status === "rejected") throw answer.reason;
    if (loaded.status === "rejected") {
      throw new TransportError("network", `${what}: the app's contract module could not be loaded`, {
        cause: loaded.reason,
      });
    }
    const body = prepare(answer.value);
    const parsed = pickSchema(loaded.value).safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      throw new TransportError(
        "invalid_response",
        `${what}: the answer does not match the contract (${issues.join("; ")})`,
        {
          body,
        },
      );
    }
    return parsed.data;
  }

  private async request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<unknown> {
    const controller = new AbortController();
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener("abort", onOuterAbort, { once: true });
    const headers: Record<string, string> = {
      accept: "application/json",
      [SCHEMA_VERSION_HEADER]: String(SYNC_SCHEMA_VERSION),
    };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
        cache: "no-store",
        credentials: "omit",
      });
    } catch (cause) {
      if (timedOut) throw new TransportError("timeout", `${method} ${path}: no answer in ${timeoutMs} ms`, { cause });
      throw new TransportError("network", `${method} ${path}: server not reachable`, { cause });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onOuterAbort);
    }
    options.onResponse?.(response);
    const body = await readBody(response);
    if (response.ok) return body;
    throw errorFromResponse(method, path, response, body);
  }
}

type RequestOptions = CallOptions & {
  token?: string;
  body?: unknown;
  /** The answer's status and headers, before its body is read. */
  onResponse?: (response: Response) => void;
};

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => "");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorFromResponse(method: string, path: string, response: Response, body: unknown): TransportError {
  const apiError = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const message = apiError?.message ?? `${method} ${path}: HTTP ${response.status}`;
  const details = {
    status: response.status,
    code: apiError?.code,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    body,
  };
  if (response.status === 401 && apiError?.code === "DEVICE_REVOKED")
    return new TransportError("device_revoked", message, details);
  if (response.status === 401) return new TransportError("unauthenticated", message, details);
  if (response.status === 503) return new TransportError("unavailable", message, details);
  if (response.status >= 500) return new TransportError("server", message, details);
  return new TransportError("client", message, details);
}
