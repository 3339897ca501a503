/** Answers of the admin calls the till's admin screens make (user token, online only). */

export interface MaintenanceWindowRow {
  id: string;
  startsAt: string;
  endsAt: string;
  message: string;
  version?: number;
}

export interface NewMaintenanceWindow {
  /** ISO 8601 with offset. */
  startsAt: string;
  endsAt: string;
  message: string;
}

export interface NumberRange {
  from: number;
  to: number;
}

export interface NumberCounts {
  used: number;
  voided: number;
  released: number;
  unused: number;
}

export interface NumberingReportBlock {
  id: string;
  deviceId: string;
  terminalId: string | null;
  terminalName: string | null;
  rangeFrom: number;
  rangeTo: number;
  leasedAt: string;
  counts: NumberCounts;
  used: NumberRange[];
  voided: NumberRange[];
  released: NumberRange[];
  unused: NumberRange[];
}

/** GET /api/numberings/:id/report: every number of the range is exactly one of these. */
export interface NumberingReport {
  numbering: {
    id: string;
    name: string;
    prefix: string;
    rangeFrom: number;
    rangeTo: number;
    nextNumber: number;
    electronic: boolean;
  };
  totals: NumberCounts & { notLeased: number; total: number };
  usedOutsideBlocks: NumberRange[];
  blocks: NumberingReportBlock[];
}

/** POST /api/terminals/:id/release-numbers. */
export interface ReleaseNumbersResult {
  released: number;
  blocks: { blockId: string; from: number; to: number }[];
}

/** A registered till in the admin device list (GET /api/devices). */
export interface DeviceRow {
  id: string;
  terminalId: string;
  terminalName: string | null;
  userId: string;
  name: string;
  createdAt: string | null;
  lastSeenAt: string | null;
  pending: number;
  errors: number;
  oldestPendingAt: string | null;
  oldestPendingAgeSeconds: number | null;
  appVersion: string | null;
  schemaVersion: number | null;
  active: boolean;
  revokedAt: string | null;
}
