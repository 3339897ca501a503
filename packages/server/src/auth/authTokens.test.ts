import { afterEach, describe, expect, it } from "vitest";
import type { Queryable } from "../db/database";
import { checkToken, forgetCachedTokens, revokeToken } from "./authTokens";

/**
 * The token cache against revocations that commit while a lookup of the same token is in flight
 * (review, session 9). The lookup read the row before the revocation; its answer arrives after the
 * revoking request cleared the cache. It must not put the revoked token back in the cache: "a revoked
 * token stops working at once in the process that revoked it".
 */
const COMPANY = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const token = (n: number) => `mst_${COMPANY.replace(/-/g, "")}_${"x".repeat(24)}${n}`;

/** A fake database holding one device token; `hold()` keeps the next lookup's answer until released. */
function fakeDatabase() {
  const state = { deviceRevoked: false, tokenRevoked: false };
  let held: ((release: () => void) => void) | null = null;
  const row = () => ({
    user_id: "0190a1b2-c3d4-7e5f-8a9b-000000000001",
    role: "cashier",
    terminal_ids: [],
    user_active: true,
    device_id: "0190a1b2-c3d4-7e5f-8a9b-000000000002",
    revoked_at: state.tokenRevoked ? new Date() : null,
    last_used_at: new Date(),
    device_terminal_id: "0190a1b2-c3d4-7e5f-8a9b-000000000003",
    device_active: true,
    device_revoked_at: state.deviceRevoked ? new Date() : null,
  });
  const db: Queryable = {
    query: async <T>(sql: string) => {
      if (!sql.includes("FROM auth_tokens t")) {
        if (sql.startsWith("UPDATE auth_tokens SET revoked_at")) state.tokenRevoked = true;
        return [] as T[];
      }
      const snapshot = row(); // what PostgreSQL read when the statement ran
      if (held) {
        const wait = held;
        held = null;
        await new Promise<void>((resolve) => wait(resolve));
      }
      return [snapshot] as T[];
    },
    exec: async () => undefined,
  };
  const hold = () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered!: () => void;
    held = (go) => {
      answered = go;
      release();
    };
    return { reading: released, answer: () => answered() };
  };
  return { db, state, hold };
}

afterEach(() => forgetCachedTokens());

describe("token cache and revocations during a lookup", () => {
  it("a device revoked while a lookup of its token is in flight stops working at once in this process", async () => {
    const { db, state, hold } = fakeDatabase();
    const t = token(1);
    const lookup = hold();
    const inFlight = checkToken(db, t); // e.g. a sync request arriving just before the revocation
    await lookup.reading;
    // The admin's "Revocar" commits, then clears this process's cache (deviceRoutes).
    state.deviceRevoked = true;
    forgetCachedTokens();
    lookup.answer();
    expect("auth" in (await inFlight)).toBe(true); // read before the revocation: allowed
    // The next request of the revoked till, right after: must be refused.
    expect(await checkToken(db, t)).toEqual({ problem: "device_revoked" });
  });

  it("a token signed out while a lookup of it is in flight stops working at once", async () => {
    const { db, hold } = fakeDatabase();
    const t = token(2);
    const lookup = hold();
    const inFlight = checkToken(db, t);
    await lookup.reading;
    await revokeToken(db, t); // sign-out
    lookup.answer();
    await inFlight;
    expect(await checkToken(db, t)).toEqual({ problem: "revoked" });
  });
});
