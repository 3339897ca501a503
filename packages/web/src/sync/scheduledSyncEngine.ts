import type { ApplyPushResult } from "../storage/localStore";
import type { PullProgress, SyncEngine, SyncEngineState, SyncOutcome } from "./syncEngine";
import type { SyncScheduler } from "./syncScheduler";

/**
 * The engine the app uses: the same SyncEngine interface, but every sync goes through the
 * scheduler (one tab at a time under the Web Lock, backoff after failures, the timer).
 */
export class ScheduledSyncEngine implements SyncEngine {
  constructor(
    private readonly inner: SyncEngine,
    private readonly scheduler: SyncScheduler,
  ) {}

  getState(): SyncEngineState {
    return this.inner.getState();
  }
  subscribe(listener: (state: SyncEngineState) => void): () => void {
    return this.inner.subscribe(listener);
  }
  syncNow(): Promise<SyncOutcome> {
    return this.scheduler.runNow();
  }
  requestSync(reason: string): void {
    this.scheduler.requestNow(reason);
  }
  pullAll(options?: Parameters<SyncEngine["pullAll"]>[0]): Promise<PullProgress> {
    return this.inner.pullAll(options);
  }
  pushPending(options?: { ids?: readonly string[] }): Promise<ApplyPushResult> {
    return this.inner.pushPending(options);
  }
  start(): void {
    this.scheduler.start();
  }
  stop(): void {
    this.scheduler.stop();
  }
}
