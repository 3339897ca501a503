import type { Database } from "../../db/database";
import { type SenderDeps, type SendReport, sendPendingElectronicDocuments } from "./electronicDocumentSender";

export interface DianSendingOptions {
  /** Send after each push that accepted invoices (fire-and-forget: the push's answer never waits). */
  afterPush?: boolean;
  /** Send what is due every intervalMs in this process; null/0: no timer. */
  intervalMs?: number | null;
}

export interface ElectronicDocumentDispatcher {
  /** A push accepted invoices of this company: send what it generated, soon, without waiting. */
  afterPush(companyId: string): void;
  /** An admin asked (resend): send this company's due documents soon, when sending is on. */
  nudge(companyId: string): void;
  /** Send now (all companies or one) and wait for it: tests, the CLI, the lead's wiring after a sync. */
  runNow(companyId?: string): Promise<SendReport>;
  close(): Promise<void>;
}

/**
 * How the server process runs the sender: after pushes, on a timer and on demand, one run at a
 * time per process (more processes are safe: the outbox claims rows with SKIP LOCKED). Requests
 * arriving during a run are remembered and served by one more run after it.
 */
export function electronicDocumentDispatcher(
  db: Database,
  deps: SenderDeps,
  options: DianSendingOptions & { onError?: (error: unknown) => void },
): ElectronicDocumentDispatcher {
  const queued = new Set<string>();
  let all = false;
  let running: Promise<void> | null = null;
  let closed = false;
  const enabled = Boolean(options.afterPush || options.intervalMs);

  async function drain() {
    while (!closed && (all || queued.size > 0)) {
      const companies = all ? [undefined] : [...queued];
      all = false;
      queued.clear();
      for (const companyId of companies) {
        try {
          await sendPendingElectronicDocuments(db, deps, companyId);
        } catch (error) {
          options.onError?.(error);
        }
      }
    }
  }

  function kick() {
    if (running || closed) return;
    running = drain().finally(() => {
      running = null;
    });
  }

  const timer =
    options.intervalMs && options.intervalMs > 0
      ? setInterval(() => {
          all = true;
          kick();
        }, options.intervalMs)
      : null;
  timer?.unref();

  return {
    afterPush(companyId) {
      if (!options.afterPush || closed) return;
      queued.add(companyId);
      setImmediate(kick);
    },
    nudge(companyId) {
      if (!enabled || closed) return;
      queued.add(companyId);
      setImmediate(kick);
    },
    async runNow(companyId) {
      if (running) await running;
      return sendPendingElectronicDocuments(db, deps, companyId);
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      if (running) await running;
    },
  };
}

/**
 * DIAN_SEND_INTERVAL_SECONDS (default 60; 0 = no timer) and DIAN_SEND_AFTER_PUSH (default 1): how
 * the server process sends electronic documents.
 */
export function dianSendingFromEnv(env: Record<string, string | undefined>): DianSendingOptions {
  const seconds = env.DIAN_SEND_INTERVAL_SECONDS?.trim() ? Number(env.DIAN_SEND_INTERVAL_SECONDS) : 60;
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(
      `DIAN_SEND_INTERVAL_SECONDS must be a number of seconds ≥ 0, not "${env.DIAN_SEND_INTERVAL_SECONDS}"`,
    );
  const afterPush = (env.DIAN_SEND_AFTER_PUSH ?? "1").trim().toLowerCase();
  return { intervalMs: seconds * 1000, afterPush: afterPush !== "0" && afterPush !== "false" };
}
