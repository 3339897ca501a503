import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@mostrador/domain";
import type { Queryable } from "../db/database";

/** Who is calling: every query below a route is scoped by companyId. */
export interface AuthContext {
  companyId: string;
  userId: string;
  role: Role;
  terminalIds: string[];
  /** Set when the caller is a registered till (device token). */
  deviceId: string | null;
  deviceTerminalId: string | null;
}

/** Why a token does not identify anyone (each answered with its own 401 code). */
export type TokenProblem = "invalid" | "revoked" | "expired" | "device_revoked";
export type TokenCheck = { auth: AuthContext } | { problem: TokenProblem };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const HOUR = 3_600_000;

const hours = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * Sliding expiry of user (sign-in) tokens: unused for this long, they answer TOKEN_EXPIRED.
 * Cashiers get a working day (SESSION_IDLE_HOURS, 12 h); admins, who can change prices and users,
 * less (ADMIN_SESSION_IDLE_HOURS, 4 h). Device tokens have no idle limit: a till must sync
 * whenever it comes back, however long it sold offline; they end by revocation only.
 */
export function sessionIdleMs(role: Role, env: NodeJS.ProcessEnv = process.env): number {
  return role === "admin" ? hours(env.ADMIN_SESSION_IDLE_HOURS, 4) * HOUR : hours(env.SESSION_IDLE_HOURS, 12) * HOUR;
}

/** last_used_at is written at most this often per token (the idle limits are hours). */
const TOUCH_EVERY_MS = 60_000;

/** Tokens embed the company id so the lookup stays inside one shard. */
export async function issueToken(
  db: Queryable,
  companyId: string,
  userId: string,
  deviceId: string | null = null,
): Promise<string> {
  const token = `mst_${companyId.replace(/-/g, "")}_${randomBytes(24).toString("base64url")}`;
  // Times come from the app's clock (not the database's) so expiry compares like with like.
  await db.query(
    "INSERT INTO auth_tokens (company_id, token_hash, user_id, device_id, last_used_at) VALUES ($1, $2, $3, $4, $5)",
    [companyId, sha256(token), userId, deviceId, new Date()],
  );
  return token;
}

/** The company a token belongs to, read from the token itself (no query). */
export function companyIdOf(token: string): string | null {
  const m = /^mst_([0-9a-f]{32})_[A-Za-z0-9_-]{20,}$/.exec(token);
  if (!m?.[1]) return null;
  const h = m[1];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Resolved tokens are remembered for a few seconds: a till sends many requests in a row, and
 * each lookup joins three tables. A revoked token or deactivated user/device stops working
 * within TOKEN_CACHE_MS (at once in the process that revoked it).
 */
const TOKEN_CACHE_MS = 5000;
const tokenCache = new Map<string, { at: number; auth: AuthContext }>();
/**
 * Counts the revocations this process made: a lookup that was in flight when one happened read the row
 * before it committed, so its answer is returned but not cached (it would make a revoked token work again
 * for TOKEN_CACHE_MS in the very process that revoked it).
 */
let revocations = 0;

export function forgetCachedTokens(): void {
  revocations += 1;
  tokenCache.clear();
}

/** The caller behind a token, or why there is none. */
export async function checkToken(db: Queryable, token: string): Promise<TokenCheck> {
  const hit = tokenCache.get(token);
  if (hit && Date.now() - hit.at < TOKEN_CACHE_MS) return { auth: hit.auth };
  const before = revocations;
  const readAt = Date.now(); // the entry ages from the read, not from its answer
  const check = await lookUpToken(db, token);
  if (tokenCache.size > 10_000) tokenCache.clear();
  // Only successes are cached: a wrong token is never remembered as right.
  if ("auth" in check && before === revocations) tokenCache.set(token, { at: readAt, auth: check.auth });
  else tokenCache.delete(token);
  return check;
}

/** The caller behind a token, or null for any problem. */
export async function resolveToken(db: Queryable, token: string): Promise<AuthContext | null> {
  const check = await checkToken(db, token);
  return "auth" in check ? check.auth : null;
}

async function lookUpToken(db: Queryable, token: string): Promise<TokenCheck> {
  const companyId = companyIdOf(token);
  if (!companyId) return { problem: "invalid" };
  const rows = await db.query<{
    user_id: string;
    role: Role;
    terminal_ids: string[];
    device_id: string | null;
    device_terminal_id: string | null;
    device_active: boolean | null;
    device_revoked_at: Date | null;
    user_active: boolean;
    revoked_at: Date | null;
    last_used_at: Date;
  }>(
    `SELECT t.user_id, u.role, u.terminal_ids, u.active AS user_active, t.device_id, t.revoked_at, t.last_used_at,
            d.terminal_id AS device_terminal_id, d.active AS device_active, d.revoked_at AS device_revoked_at
       FROM auth_tokens t
       JOIN users u ON u.company_id = t.company_id AND u.id = t.user_id
       LEFT JOIN devices d ON d.company_id = t.company_id AND d.id = t.device_id
      WHERE t.company_id = $1 AND t.token_hash = $2`,
    [companyId, sha256(token)],
  );
  const row = rows[0];
  if (!row) return { problem: "invalid" };
  if (row.device_id && (row.device_revoked_at || row.device_active === false)) return { problem: "device_revoked" };
  if (row.revoked_at) return { problem: "revoked" };
  // The till belongs to the shop, not to the user who registered it: a deactivated user's till
  // keeps uploading (what that user sold is then judged invoice by invoice), until an admin
  // revokes the device itself.
  if (!row.device_id && !row.user_active) return { problem: "invalid" };
  if (!row.device_id) {
    const idle = Date.now() - new Date(row.last_used_at).getTime();
    if (idle > sessionIdleMs(row.role)) return { problem: "expired" };
    if (idle > TOUCH_EVERY_MS)
      await db.query("UPDATE auth_tokens SET last_used_at = $3 WHERE company_id = $1 AND token_hash = $2", [
        companyId,
        sha256(token),
        new Date(),
      ]);
  }
  return {
    auth: {
      companyId,
      userId: row.user_id,
      role: row.role,
      terminalIds: row.terminal_ids,
      deviceId: row.device_id,
      deviceTerminalId: row.device_terminal_id,
    },
  };
}

export async function revokeToken(db: Queryable, token: string): Promise<void> {
  tokenCache.delete(token);
  const companyId = companyIdOf(token);
  if (!companyId) return;
  await db.query("UPDATE auth_tokens SET revoked_at = now() WHERE company_id = $1 AND token_hash = $2", [
    companyId,
    sha256(token),
  ]);
  // A lookup of this token in flight meanwhile must not cache it again (see revocations).
  revocations += 1;
  tokenCache.delete(token);
}

/**
 * Ends every sign-in session (user token) of a user: password changed, deactivated, or an admin
 * said so. The user's tills keep their device tokens (revoke the device for that). The caller
 * runs forgetCachedTokens() after the transaction commits.
 */
export async function revokeUserSessions(db: Queryable, companyId: string, userId: string): Promise<number> {
  const rows = await db.query(
    `UPDATE auth_tokens SET revoked_at = now()
      WHERE company_id = $1 AND user_id = $2 AND device_id IS NULL AND revoked_at IS NULL RETURNING 1`,
    [companyId, userId],
  );
  return rows.length;
}
