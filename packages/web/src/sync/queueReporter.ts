import type { DeviceReport } from "@mostrador/domain";
import type { ServerTransport } from "../api/serverTransport";
import type { LocalStore } from "../storage/localStore";

/**
 * A report the server holds already is sent again once it is this old, even when the queue says the
 * same: the back office's "Reportado" column then never lags a till in contact by more than this.
 */
export const REPORT_REFRESH_MS = 5 * 60_000;

/**
 * Tells the server the till's queue (the back office's fleet: pending, errors, oldest pending) after a
 * push or a pull, but only when it says something the server does not hold from this till: an online
 * till's queue is empty after nearly every sync, and a report repeating it cost the server a request
 * and a commit per sale (and per idle poll, every 30 s) to store what it already had. What was said is
 * remembered per device token, in memory: a new page, or another tab, reports once more.
 * It is information, not data: a report that fails is forgotten, and the next one is sent.
 */
export class QueueReporter {
  /** The last report the server took from this page: its device token, its JSON, when. */
  private said: { token: string; json: string; at: number } | null = null;

  constructor(
    private readonly options: {
      store: Pick<LocalStore, "deviceReport">;
      transport: Pick<ServerTransport, "reportDevice">;
      appVersion?: string;
      /** The clock of the refresh (tests pass one). */
      now?: () => Date;
    },
  ) {}

  /** Reads the queue as it stands now and sends it unless the server holds the same, recently. */
  async report(token: string): Promise<void> {
    const { store, transport, appVersion, now = () => new Date() } = this.options;
    try {
      const report: DeviceReport = { ...(await store.deviceReport()), ...(appVersion ? { appVersion } : {}) };
      // Both made here, by the same code: equal JSON is an equal report.
      const json = JSON.stringify(report);
      const said = this.said;
      // Either way: a clock set back an hour would otherwise hold the refresh for 65 minutes.
      if (said?.token === token && said.json === json && Math.abs(+now() - said.at) < REPORT_REFRESH_MS) return;
      await transport.reportDevice(token, report);
      this.said = { token, json, at: +now() };
    } catch {
      // Best effort by design (see above); the sync's own requests report real failures. The server may
      // or may not hold this report: the next one is sent whatever it says.
      this.said = null;
    }
  }
}
