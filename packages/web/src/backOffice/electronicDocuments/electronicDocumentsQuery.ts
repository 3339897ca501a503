import type { ElectronicDocumentState, ElectronicDocumentSummary } from "@mostrador/domain";
import { contingencyDeadlineStatus, contingencyHoursLeft } from "@mostrador/domain";

export interface ElectronicDocumentFilters {
  state: ElectronicDocumentState | "";
  contingency: "" | "true" | "false";
  deadline: "" | "due_soon" | "overdue";
  /** YYYY-MM-DD, the sale's day in the shop's zone. */
  from: string;
  to: string;
}

export const noElectronicDocumentFilters: ElectronicDocumentFilters = {
  state: "",
  contingency: "",
  deadline: "",
  from: "",
  to: "",
};

export const ELECTRONIC_DOCUMENTS_PAGE_SIZE = 50;
export const ELECTRONIC_DOCUMENTS_PATH = "/api/electronic-documents";

/** The list's URL for the filters and page, or the problem with the filters. */
export function electronicDocumentsPath(
  filters: ElectronicDocumentFilters,
  page: { limit: number; offset: number },
): { path: string } | { problem: "dates" } {
  if (filters.from && filters.to && filters.to < filters.from) return { problem: "dates" };
  const query = new URLSearchParams();
  for (const key of ["state", "contingency", "deadline", "from", "to"] as const)
    if (filters[key]) query.set(key, filters[key]);
  query.set("limit", String(page.limit));
  query.set("offset", String(page.offset));
  return { path: `${ELECTRONIC_DOCUMENTS_PATH}?${query}` };
}

/** Sent, accepted or rejected: the document reached the DIAN (its deadline no longer runs). */
const TRANSMITTED: readonly ElectronicDocumentState[] = ["sent", "accepted", "rejected"];

export type DeadlineView =
  | { status: "on_time" | "due_soon"; hours: number }
  | { status: "overdue"; hours: number }
  | { status: "done" };

/**
 * How a contingency document stands against its 48 hours (domain rule), null for others. A document
 * that reached the DIAN counts as transmitted when its state says so (at its last change, or the
 * sender's `sentAt` when the server gives it).
 */
export function deadlineView(
  doc: Pick<ElectronicDocumentSummary, "contingency" | "deadlineAt" | "state" | "updatedAt"> & {
    sentAt?: string | null;
  },
  now: Date,
): DeadlineView | null {
  if (!doc.contingency || !doc.deadlineAt) return null;
  const transmittedAt = TRANSMITTED.includes(doc.state) ? (doc.sentAt ?? doc.updatedAt) : null;
  const status = contingencyDeadlineStatus({ deadlineAt: doc.deadlineAt, now, transmittedAt });
  if (status === "done") return { status };
  const hours = contingencyHoursLeft(doc.deadlineAt, now);
  return status === "overdue" ? { status, hours: Math.max(1, -hours) } : { status, hours };
}
