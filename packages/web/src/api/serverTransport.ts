import type { Company, PullResponse, PushRequest, PushResponse, Role, Terminal } from "@mostrador/domain";

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
  status(options?: CallOptions): Promise<ServerStatus>;
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
}
