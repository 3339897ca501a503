import type {
  DeviceReport,
  DeviceRow,
  InvoiceDetail,
  InvoiceLookup,
  InvoiceSummary,
  LeaseRequest,
  LoginResponse,
  MaintenanceWindow,
  MeResponse,
  NewMaintenanceWindow,
  NumberBlock,
  Numbering,
  NumberingReport,
  PullResponse,
  PushRequest,
  PushResponse,
  RegisterDeviceRequest,
  RegisterDeviceResponse,
  ReleaseNumbersResult,
  ServerStatus,
  Terminal,
} from "@mostrador/domain";
import type { z } from "zod";

/** Every answer's type is the domain's response schema (see `@mostrador/domain` api/apiResponses). */

export interface PullQuery {
  cursor: number;
  /** This device's invoice version (PullResponse.invoiceCursor of the last page). */
  invoiceCursor: number;
  limit?: number;
  /** Ask for `remaining` counts (first load progress). */
  counts?: boolean;
  /** Inventory (issue 14): the stock section's cursor and its warehouse. */
  stockCursor?: number;
  stockWarehouseId?: string;
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The cursors of the page after this one, as the server announced them (NEXT_PULL_HEADER). */
export type AnnouncedPull = Pick<PullQuery, "cursor" | "invoiceCursor" | "stockCursor" | "stockWarehouseId">;

export interface PullOptions extends CallOptions {
  /**
   * Called when the answer's headers announce the next page, before its body is read and checked:
   * the caller may ask for it at once. Only a hint: the body's cursors are what count.
   */
  onNextPull?: (next: AnnouncedPull) => void;
}

/**
 * Everything the till asks the server. Each call rejects with a TransportError
 * (network, timeout, unauthenticated, client, unavailable, server, invalid_response).
 * `userToken` is the login token; `deviceToken` the long-lived device credential.
 */
export interface ServerTransport {
  /**
   * Any call of the API whose 2xx answer must match `schema` (the back office's screens use it with the
   * domain's schemas, so the till's transport does not grow a method per admin endpoint).
   */
  send<S extends z.ZodType>(
    schema: S,
    what: string,
    method: HttpMethod,
    path: string,
    options?: CallOptions & { token?: string; body?: unknown },
  ): Promise<z.output<S>>;
  health(options?: CallOptions): Promise<{ status: string; time: string }>;
  /** With a (user or device) token the answer carries that company's maintenance windows. */
  status(options?: CallOptions & { token?: string }): Promise<ServerStatus>;
  login(credentials: { email: string; password: string }, options?: CallOptions): Promise<LoginResponse>;
  logout(userToken: string, options?: CallOptions): Promise<void>;
  /** The till signing out retires its device: unused numbers go back, the device token ends. */
  retireDevice(deviceToken: string, options?: CallOptions): Promise<{ released: number }>;
  /** Is this sign-in still valid? (401 TOKEN_EXPIRED or revoked otherwise.) */
  me(userToken: string, options?: CallOptions): Promise<MeResponse>;
  listTerminals(userToken: string, options?: CallOptions): Promise<Terminal[]>;
  /** The company's numberings (a cashier may read them): the terminal picker marks electronic tills. */
  listNumberings(userToken: string, options?: CallOptions): Promise<Numbering[]>;
  registerDevice(
    userToken: string,
    request: RegisterDeviceRequest,
    options?: CallOptions,
  ): Promise<RegisterDeviceResponse>;
  pull(deviceToken: string, query: PullQuery, options?: PullOptions): Promise<PullResponse>;
  push(deviceToken: string, request: PushRequest, options?: CallOptions): Promise<PushResponse>;
  /** The till's queue as it stands now (after a push or a pull), for the admin's device list. */
  reportDevice(deviceToken: string, report: DeviceReport, options?: CallOptions): Promise<{ reportedAt: string }>;
  /** Leases the next block of a (non-electronic) numbering to this device. */
  leaseNumberBlock(deviceToken: string, request: LeaseRequest, options?: CallOptions): Promise<NumberBlock>;
  /** The invoice's detail with its revisions and attempts (the device token is a user token too). */
  getInvoiceDetail(token: string, invoiceId: string, options?: CallOptions): Promise<InvoiceDetail>;
  /** Any invoice of the company by its printed number, with its document (returns at any till, online). */
  findInvoiceByNumber(token: string, prefix: string, number: number, options?: CallOptions): Promise<InvoiceLookup>;
  /** "Anular": voids the invoice on the server with a reason; it never counts as a sale. */
  voidInvoice(token: string, invoiceId: string, reason: string, options?: CallOptions): Promise<InvoiceSummary>;
  // Admin screens (user token of an admin).
  listMaintenanceWindows(userToken: string, options?: CallOptions): Promise<MaintenanceWindow[]>;
  createMaintenanceWindow(
    userToken: string,
    window: NewMaintenanceWindow,
    options?: CallOptions,
  ): Promise<MaintenanceWindow>;
  cancelMaintenanceWindow(userToken: string, id: string, options?: CallOptions): Promise<void>;
  numberingReport(userToken: string, numberingId: string, options?: CallOptions): Promise<NumberingReport>;
  releaseTerminalNumbers(userToken: string, terminalId: string, options?: CallOptions): Promise<ReleaseNumbersResult>;
  listDevices(userToken: string, options?: CallOptions): Promise<DeviceRow[]>;
  /** Ends a till's device token: its next sync gets DEVICE_REVOKED. */
  revokeDevice(userToken: string, deviceId: string, options?: CallOptions): Promise<DeviceRow>;
}
