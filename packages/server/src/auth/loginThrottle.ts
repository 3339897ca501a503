import type { Database } from "../db/database";
import { ApiError } from "../http/apiError";

/**
 * Lockout with exponential backoff. After `maxFailures` failed sign-ins in a row the key is
 * locked for `lockSeconds`, doubling with each further failure up to `maxLockSeconds`; a success
 * clears an account's count, and failures are forgotten after `forgetAfterSeconds` without any.
 * A burst of parallel guesses must not all be checked before the first failure is recorded:
 * attempts on one email run one after the other in a process (KeyedQueue), and an address never
 * has more attempts in flight than failures left.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  lockSeconds: number;
  maxLockSeconds: number;
  forgetAfterSeconds: number;
}

export interface LoginThrottleConfig {
  /** Per email, in the database: shared by every server process. */
  account: ThrottlePolicy;
  /** Per client address, in this process's memory. Higher: a shop's tills may share one address. */
  address: ThrottlePolicy;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function loginThrottleConfig(env: NodeJS.ProcessEnv = process.env): LoginThrottleConfig {
  const lockSeconds = positive(env.LOGIN_LOCK_SECONDS, 30);
  const maxLockSeconds = Math.max(lockSeconds, positive(env.LOGIN_MAX_LOCK_SECONDS, 900));
  const forgetAfterSeconds = Math.max(3600, 2 * maxLockSeconds);
  return {
    account: { maxFailures: positive(env.LOGIN_MAX_FAILURES, 5), lockSeconds, maxLockSeconds, forgetAfterSeconds },
    address: {
      maxFailures: positive(env.LOGIN_ADDRESS_MAX_FAILURES, 20),
      lockSeconds,
      maxLockSeconds,
      forgetAfterSeconds,
    },
  };
}

/** Seconds of lock after the `failures`-th attempt in a row (0 below the threshold). */
export function lockSecondsAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.maxFailures) return 0;
  return Math.min(policy.maxLockSeconds, policy.lockSeconds * 2 ** (failures - policy.maxFailures));
}

interface Counter {
  failures: number;
  lockedUntil: number;
  lastAttemptAt: number;
}

/** The counter after one more failure at `now` (locked from the `maxFailures`-th on). */
function withFailure(current: Counter | null, now: number, policy: ThrottlePolicy): Counter {
  const stale = !current || now - current.lastAttemptAt > policy.forgetAfterSeconds * 1000;
  const failures = stale ? 1 : current.failures + 1;
  const lock = lockSecondsAfter(failures, policy);
  return { failures, lockedUntil: lock > 0 ? now + lock * 1000 : 0, lastAttemptAt: now };
}

const retryAfterSeconds = (until: number, now: number) => String(Math.max(1, Math.ceil((until - now) / 1000)));

export const accountLocked = (until: number, now: number) =>
  new ApiError(
    429,
    "ACCOUNT_LOCKED",
    "too many failed sign-ins for this account; it is locked for a while, try again later",
    { retryAfterSeconds: Number(retryAfterSeconds(until, now)) },
    { "retry-after": retryAfterSeconds(until, now) },
  );

export const tooManyAttempts = (until: number, now: number) =>
  new ApiError(
    429,
    "TOO_MANY_ATTEMPTS",
    "too many failed sign-ins from this address; try again later",
    { retryAfterSeconds: Number(retryAfterSeconds(until, now)) },
    { "retry-after": retryAfterSeconds(until, now) },
  );

/**
 * Per client address, in memory (per process). Only wrong passwords count, and no more attempts
 * may be in flight than the failures the address has left, so a parallel burst gains nothing
 * and a burst of right passwords never locks anyone.
 */
export class AddressThrottle {
  private readonly counters = new Map<string, Counter & { inFlight: number }>();

  constructor(private readonly policy: ThrottlePolicy) {}

  /** Takes an attempt slot; throws 429 TOO_MANY_ATTEMPTS while the address is locked or out of slots. */
  begin(address: string, now = Date.now()): void {
    let c = this.counters.get(address);
    if (c && c.lockedUntil > now) throw tooManyAttempts(c.lockedUntil, now);
    if (c && now - c.lastAttemptAt > this.policy.forgetAfterSeconds * 1000) c.failures = 0;
    if (c && c.failures + c.inFlight >= this.policy.maxFailures) throw tooManyAttempts(now + 1000, now);
    if (!c) {
      if (this.counters.size >= 100_000) this.prune(now);
      c = { failures: 0, lockedUntil: 0, lastAttemptAt: now, inFlight: 0 };
      this.counters.set(address, c);
    }
    c.inFlight += 1;
  }

  /** Gives the slot back; a wrong password counts as a failure (locking from the `maxFailures`-th on). */
  end(address: string, wrongPassword: boolean, now = Date.now()): void {
    const c = this.counters.get(address);
    if (!c) return;
    c.inFlight = Math.max(0, c.inFlight - 1);
    if (wrongPassword) Object.assign(c, withFailure(c.failures > 0 ? c : null, now, this.policy));
  }

  private prune(now: number) {
    for (const [key, c] of this.counters)
      if (c.inFlight === 0 && c.lockedUntil <= now && now - c.lastAttemptAt > this.policy.forgetAfterSeconds * 1000)
        this.counters.delete(key);
    if (this.counters.size >= 100_000) this.counters.clear();
  }
}

/** Runs tasks for one key one after the other (in this process); other keys run in parallel. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** Per email, in the database: every server process sees the same count and lock. */
export function accountThrottle(db: Database, policy: ThrottlePolicy) {
  return {
    /** Throws 429 ACCOUNT_LOCKED while the email is locked. */
    async check(email: string, now = Date.now()): Promise<void> {
      const rows = await db.query<{ locked_until: Date | null }>(
        "SELECT locked_until FROM login_throttles WHERE email = $1",
        [email],
      );
      const until = rows[0]?.locked_until ? new Date(rows[0].locked_until).getTime() : 0;
      if (until > now) throw accountLocked(until, now);
    },

    /** Records a wrong password (locking the email from the `maxFailures`-th on). */
    async failed(email: string, now = Date.now()): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO login_throttles (email, failures, last_attempt_at) VALUES ($1, 0, $2) ON CONFLICT (email) DO NOTHING",
          [email, new Date(now)],
        );
        // The row lock orders failures recorded at the same time by several processes.
        const rows = await tx.query<{ failures: number; locked_until: Date | null; last_attempt_at: Date }>(
          "SELECT failures, locked_until, last_attempt_at FROM login_throttles WHERE email = $1 FOR UPDATE",
          [email],
        );
        const row = rows[0];
        const current: Counter | null =
          row && row.failures > 0
            ? {
                failures: row.failures,
                lockedUntil: row.locked_until ? new Date(row.locked_until).getTime() : 0,
                lastAttemptAt: new Date(row.last_attempt_at).getTime(),
              }
            : null;
        const next = withFailure(current, now, policy);
        await tx.query(
          "UPDATE login_throttles SET failures = $2, locked_until = $3, last_attempt_at = $4 WHERE email = $1",
          [email, next.failures, next.lockedUntil ? new Date(next.lockedUntil) : null, new Date(now)],
        );
      });
    },

    /** A successful sign-in clears the email's failures and lock. */
    async succeeded(email: string): Promise<void> {
      await db.query("DELETE FROM login_throttles WHERE email = $1", [email]);
    },

    /** Drops rows nobody has tried for a long time (called now and then). */
    async prune(now = Date.now()): Promise<void> {
      const before = new Date(now - policy.forgetAfterSeconds * 1000);
      await db.query(
        "DELETE FROM login_throttles WHERE last_attempt_at < $1 AND (locked_until IS NULL OR locked_until < $2)",
        [before, new Date(now)],
      );
    },
  };
}

export type AccountThrottle = ReturnType<typeof accountThrottle>;
