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

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Tokens embed the company id so the lookup stays inside one shard. */
export async function issueToken(
  db: Queryable,
  companyId: string,
  userId: string,
  deviceId: string | null = null,
): Promise<string> {
  const token = `mst_${companyId.replace(/-/g, "")}_${randomBytes(24).toString("base64url")}`;
  await db.query("INSERT INTO auth_tokens (company_id, token_hash, user_id, device_id) VALUES ($1, $2, $3, $4)", [
    companyId,
    sha256(token),
    userId,
    deviceId,
  ]);
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
const tokenCache = new Map<string, { at: number; auth: AuthContext | null }>();

export function forgetCachedTokens(): void {
  tokenCache.clear();
}

export async function resolveToken(db: Queryable, token: string): Promise<AuthContext | null> {
  const hit = tokenCache.get(token);
  if (hit && Date.now() - hit.at < TOKEN_CACHE_MS) return hit.auth;
  const auth = await lookUpToken(db, token);
  if (tokenCache.size > 10_000) tokenCache.clear();
  // Only successes are cached: a wrong token is never remembered as right.
  if (auth) tokenCache.set(token, { at: Date.now(), auth });
  return auth;
}

async function lookUpToken(db: Queryable, token: string): Promise<AuthContext | null> {
  const companyId = companyIdOf(token);
  if (!companyId) return null;
  const rows = await db.query<{
    user_id: string;
    role: Role;
    terminal_ids: string[];
    device_id: string | null;
    device_terminal_id: string | null;
    device_active: boolean | null;
  }>(
    `SELECT t.user_id, u.role, u.terminal_ids, t.device_id, d.terminal_id AS device_terminal_id, d.active AS device_active
       FROM auth_tokens t
       JOIN users u ON u.company_id = t.company_id AND u.id = t.user_id AND u.active
       LEFT JOIN devices d ON d.company_id = t.company_id AND d.id = t.device_id
      WHERE t.company_id = $1 AND t.token_hash = $2 AND t.revoked_at IS NULL`,
    [companyId, sha256(token)],
  );
  const row = rows[0];
  if (!row || (row.device_id && row.device_active === false)) return null;
  return {
    companyId,
    userId: row.user_id,
    role: row.role,
    terminalIds: row.terminal_ids,
    deviceId: row.device_id,
    deviceTerminalId: row.device_terminal_id,
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
}
