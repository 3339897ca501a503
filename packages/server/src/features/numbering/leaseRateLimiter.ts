import { ApiError } from "../../http/apiError";

export interface LeaseRateLimit {
  /** Lease calls a device may make at once. */
  burst: number;
  /** Calls given back per minute. */
  perMinute: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** A till leases when it runs low, a few times a day; a burst of 5 and one call per 10 s leaves ample room. */
export const DEFAULT_LEASE_RATE_LIMIT: LeaseRateLimit = { burst: 5, perMinute: 6 };

/** Idle devices whose bucket is full again are forgotten once the map holds this many. */
const PRUNE_AT = 10_000;

/**
 * A token bucket per device id, in this server process (each process of a multi-process setup
 * counts on its own: the bound is per process, the lease cap in the database is global).
 * `take` throws 429 RATE_LIMITED with Retry-After when the device's bucket is empty.
 */
export function leaseRateLimiter(limit: LeaseRateLimit = DEFAULT_LEASE_RATE_LIMIT) {
  const now = limit.now ?? Date.now;
  const perMs = limit.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, t: number) => Math.min(limit.burst, b.tokens + (t - b.at) * perMs);

  function prune(t: number) {
    for (const [id, b] of buckets) if (refill(b, t) >= limit.burst) buckets.delete(id);
  }

  return {
    take(deviceId: string) {
      const t = now();
      const b = buckets.get(deviceId) ?? { tokens: limit.burst, at: t };
      const tokens = refill(b, t);
      if (tokens < 1) {
        buckets.set(deviceId, { tokens, at: t });
        const retryAfter = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
        throw new ApiError(
          429,
          "RATE_LIMITED",
          `too many number block requests from this device; try again in ${retryAfter} s`,
          undefined,
          { "retry-after": String(retryAfter) },
        );
      }
      buckets.set(deviceId, { tokens: tokens - 1, at: t });
      if (buckets.size > PRUNE_AT) prune(t);
    },
  };
}

export type LeaseRateLimiter = ReturnType<typeof leaseRateLimiter>;
