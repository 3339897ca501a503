import type {
  Company,
  InvoiceDocument,
  InvoiceRejection,
  InvoiceSummary,
  PullResponse,
  PushRequest,
  PushResponse,
  Role,
  Terminal,
} from "@mostrador/domain";
import type {
  DeviceRow,
  MaintenanceWindowRow,
  NewMaintenanceWindow,
  NumberingReport,
  ReleaseNumbersResult,
} from "./adminTypes";

export interface LoginResponse {
  token: string;
  user: { id: string; name: string; email: string; role: Role; terminalIds: string[] };
  company: Company;
}

export interface RegisterDeviceResponse {
  device: { id: string; terminalId: string; name: string | null };
  deviceToken: string;
}

export interface LeasedNumberBlock {
  id: string;
  numberingId: string;
  rangeFrom: number;
  rangeTo: number;
  releasedFrom?: number | null;
  version?: number;
}

export interface PullQuery {
  cursor: number;
  /** This device's invoice version (PullResponse.invoiceCursor of the last page). */
  invoiceCursor: number;
  limit?: number;
  /** Ask for `remaining` counts (first load progress). */
  counts?: boolean;
}

export interface MaintenanceWindowInfo {
  id?: string;
  startsAt: string;
  endsAt: string;
  message?: string;
}

export interface ServerStatus {
  serverTime: string;
  maintenance: { current: MaintenanceWindowInfo | null; next: MaintenanceWindowInfo | null };
}

/** One upload of one revision and what the server said (GET /api/invoices/:id). */
export interface InvoiceAttempt {
  revision: number;
  outcome: string;
  errors: InvoiceRejection[] | null;
  at: string;
  userId: string | null;
  deviceId: string | null;
}

export interface InvoiceRevisionInfo {
  revision: number;
  receivedAt: string;
  userId: string | null;
  deviceId: string | null;
  document: InvoiceDocument | null;
}

/** The server's detail of an invoice: its summary, every revision received and every attempt. */
export interface ServerInvoiceDetail extends InvoiceSummary {
  voidReason: string | null;
  document: InvoiceDocument | null;
  revisions: InvoiceRevisionInfo[];
  attempts: InvoiceAttempt[];
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Everything the till asks the server. Each call rejects with a TransportError
 * (network, timeout, unauthenticated, client, unavailable, server, invalid_response).
 * `userToken` is the login token; `deviceToken` the long-lived device credential.
 */
export interface ServerTransport {
  health(options?: CallOptions): Promise<{ status: string; time?: string }>;
  /** With a (user or device) token the answer carries that company's maintenance windows. */
  status(options?: CallOptions & { token?: string }): Promise<ServerStatus>;
  login(credentials: { email: string; password: string }, options?: CallOptions): Promise<LoginResponse>;
  logout(userToken: string, options?: CallOptions): Promise<void>;
  listTerminals(userToken: string, options?: CallOptions): Promise<Terminal[]>;
  registerDevice(
    userToken: string,
    request: { terminalId: string; name?: string },
    options?: CallOptions,
  ): Promise<RegisterDeviceResponse>;
  pull(deviceToken: string, query: PullQuery, options?: CallOptions): Promise<PullResponse>;
  push(deviceToken: string, request: PushRequest, options?: CallOptions): Promise<PushResponse>;
  /** Leases the next block of a (non-electronic) numbering to this device. */
  leaseNumberBlock(
    deviceToken: string,
    request: { numberingId: string; size?: number },
    options?: CallOptions,
  ): Promise<LeasedNumberBlock>;
  /** The invoice's detail with its revisions and attempts (the device token is a user token too). */
  getInvoiceDetail(token: string, invoiceId: string, options?: CallOptions): Promise<ServerInvoiceDetail>;
  /** "Anular": voids the invoice on the server with a reason; it never counts as a sale. */
  voidInvoice(token: string, invoiceId: string, reason: string, options?: CallOptions): Promise<InvoiceSummary>;
  // Admin screens (user token of an admin).
  listMaintenanceWindows(userToken: string, options?: CallOptions): Promise<MaintenanceWindowRow[]>;
  createMaintenanceWindow(
    userToken: string,
    window: NewMaintenanceWindow,
    options?: CallOptions,
  ): Promise<MaintenanceWindowRow>;
  cancelMaintenanceWindow(userToken: string, id: string, options?: CallOptions): Promise<void>;
  numberingReport(userToken: string, numberingId: string, options?: CallOptions): Promise<NumberingReport>;
  releaseTerminalNumbers(userToken: string, terminalId: string, options?: CallOptions): Promise<ReleaseNumbersResult>;
  listDevices(userToken: string, options?: CallOptions): Promise<DeviceRow[]>;
  /** Ends a till's device token: its next sync gets DEVICE_REVOKED. */
  revokeDevice(userToken: string, deviceId: string, options?: CallOptions): Promise<DeviceRow>;
}
