import {
  type InvoiceSummary,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  pushResponseSchema,
  SCHEMA_VERSION_HEADER,
  SYNC_SCHEMA_VERSION,
  type Terminal,
} from "@mostrador/domain";
import type {
  DeviceRow,
  MaintenanceWindowRow,
  NewMaintenanceWindow,
  NumberingReport,
  ReleaseNumbersResult,
} from "./adminTypes";
import type {
  CallOptions,
  LeasedNumberBlock,
  LoginResponse,
  PullQuery,
  RegisterDeviceResponse,
  ServerInvoiceDetail,
  ServerStatus,
  ServerTransport,
} from "./serverTransport";
import { parseRetryAfter, TransportError } from "./transportErrors";

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
    return this.request<{ status: string; time?: string }>("GET", "/api/health", {
      ...options,
      timeoutMs: options?.timeoutMs ?? 5000,
    });
  }

  status(options?: CallOptions & { token?: string }) {
    return this.request<ServerStatus>("GET", "/api/status", options);
  }

  login(credentials: { email: string; password: string }, options?: CallOptions) {
    return this.request<LoginResponse>("POST", "/api/auth/login", { ...options, body: credentials });
  }

  async logout(userToken: string, options?: CallOptions): Promise<void> {
    await this.request<unknown>("POST", "/api/auth/logout", { ...options, token: userToken });
  }

  async listTerminals(userToken: string, options?: CallOptions): Promise<Terminal[]> {
    const body = await this.request<{ items: Terminal[] }>("GET", "/api/terminals", { ...options, token: userToken });
    if (!body || !Array.isArray(body.items)) throw new TransportError("invalid_response", "terminals: no items");
    return body.items;
  }

  registerDevice(userToken: string, request: { terminalId: string; name?: string }, options?: CallOptions) {
    return this.request<RegisterDeviceResponse>("POST", "/api/devices/register", {
      ...options,
      token: userToken,
      body: request,
    });
  }

  async pull(deviceToken: string, query: PullQuery, options?: CallOptions): Promise<PullResponse> {
    const params = new URLSearchParams({
      cursor: String(query.cursor),
      invoiceCursor: String(query.invoiceCursor),
      limit: String(query.limit ?? 2000),
    });
    if (query.counts) params.set("counts", "1");
    const body = await this.request<PullResponse>("GET", `/api/sync/pull?${params}`, {
      ...options,
      token: deviceToken,
    });
    if (!body || typeof body.cursor !== "number" || !Array.isArray(body.changes)) {
      throw new TransportError("invalid_response", "pull: not a PullResponse", { body });
    }
    return body;
  }

  async push(deviceToken: string, request: PushRequest, options?: CallOptions): Promise<PushResponse> {
    const body = await this.request<unknown>("POST", "/api/sync/push", {
      ...options,
      token: deviceToken,
      body: request,
    });
    const parsed = pushResponseSchema.safeParse(body);
    if (!parsed.success || parsed.data.results.length !== request.invoices.length) {
      throw new TransportError("invalid_response", "push: not one result per invoice", { body });
    }
    return parsed.data;
  }

  async leaseNumberBlock(deviceToken: string, request: { numberingId: string; size?: number }, options?: CallOptions) {
    const body = await this.request<LeasedNumberBlock>("POST", "/api/number-blocks/lease", {
      ...options,
      token: deviceToken,
      body: request,
    });
    if (!body || typeof body.rangeFrom !== "number" || typeof body.rangeTo !== "number") {
      throw new TransportError("invalid_response", "lease: not a number block", { body });
    }
    return body;
  }

  async listMaintenanceWindows(userToken: string, options?: CallOptions): Promise<MaintenanceWindowRow[]> {
    const path = "/api/maintenance-windows";
    const body = await this.request<{ items: MaintenanceWindowRow[] }>("GET", path, { ...options, token: userToken });
    if (!body || !Array.isArray(body.items)) throw new TransportError("invalid_response", "maintenance: no items");
    return body.items;
  }

  createMaintenanceWindow(userToken: string, window: NewMaintenanceWindow, options?: CallOptions) {
    const path = "/api/maintenance-windows";
    return this.request<MaintenanceWindowRow>("POST", path, { ...options, token: userToken, body: window });
  }

  async cancelMaintenanceWindow(userToken: string, id: string, options?: CallOptions): Promise<void> {
    const path = `/api/maintenance-windows/${encodeURIComponent(id)}`;
    await this.request<unknown>("DELETE", path, { ...options, token: userToken });
  }

  numberingReport(userToken: string, numberingId: string, options?: CallOptions) {
    const path = `/api/numberings/${encodeURIComponent(numberingId)}/report`;
    return this.request<NumberingReport>("GET", path, { ...options, token: userToken });
  }

  releaseTerminalNumbers(userToken: string, terminalId: string, options?: CallOptions) {
    const path = `/api/terminals/${encodeURIComponent(terminalId)}/release-numbers`;
    return this.request<ReleaseNumbersResult>("POST", path, { ...options, token: userToken, body: {} });
  }

  async getInvoiceDetail(token: string, invoiceId: string, options?: CallOptions): Promise<ServerInvoiceDetail> {
    const path = `/api/invoices/${encodeURIComponent(invoiceId)}`;
    const body = await this.request<ServerInvoiceDetail>("GET", path, { ...options, token });
    if (!body || body.id !== invoiceId || !Array.isArray(body.attempts) || !Array.isArray(body.revisions)) {
      throw new TransportError("invalid_response", "invoice detail: not the invoice asked for", { body });
    }
    return body;
  }

  async voidInvoice(token: string, invoiceId: string, reason: string, options?: CallOptions): Promise<InvoiceSummary> {
    const path = `/api/invoices/${encodeURIComponent(invoiceId)}/void`;
    const body = await this.request<InvoiceSummary>("POST", path, { ...options, token, body: { reason } });
    if (!body || body.id !== invoiceId || body.status !== "voided") {
      throw new TransportError("invalid_response", "void: the invoice did not come back voided", { body });
    }
    return body;
  }

  async listDevices(userToken: string, options?: CallOptions): Promise<DeviceRow[]> {
    const body = await this.request<{ items: DeviceRow[] }>("GET", "/api/devices", { ...options, token: userToken });
    if (!body || !Array.isArray(body.items)) throw new TransportError("invalid_response", "devices: no items");
    return body.items;
  }

  revokeDevice(userToken: string, deviceId: string, options?: CallOptions) {
    const path = `/api/devices/${encodeURIComponent(deviceId)}/revoke`;
    return this.request<DeviceRow>("POST", path, { ...options, token: userToken, body: {} });
  }

  private async request<T>(
    method: "GET" | "POST" | "DELETE",
    path: string,
    options: CallOptions & { token?: string; body?: unknown } = {},
  ): Promise<T> {
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
    const body = await readBody(response);
    if (response.ok) return body as T;
    throw errorFromResponse(method, path, response, body);
  }
}

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
