import { availableParallelism } from "node:os";
import argon2 from "argon2";
import bcrypt from "bcryptjs";
import { Semaphore } from "./semaphore";

/**
 * argon2id for every new hash (OWASP's minimum profile: 19 MiB, 2 passes, 1 lane). It runs on
 * libuv's thread pool, and at most PASSWORD_HASH_CONCURRENCY hashes run at once (default: one
 * less than the cores, at most 4), so a burst of logins neither blocks the event loop nor takes
 * the core it runs on, nor every pool thread (file reads need them too).
 * Legacy bcrypt hashes ($2a$/$2b$) still verify and are replaced on the next successful login.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** bcrypt only reads the first 72 bytes of a password. */
export const BCRYPT_MAX_BYTES = 72;

const slots = new Semaphore(
  Math.max(1, Number(process.env.PASSWORD_HASH_CONCURRENCY) || Math.min(4, availableParallelism() - 1)),
);

const isBcrypt = (hash: string) => /^\$2[aby]\$/.test(hash);

export const hashPassword = (password: string): Promise<string> =>
  slots.run(() => argon2.hash(password, ARGON2_OPTIONS));

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (isBcrypt(hash)) {
    // A bcrypt hash cannot tell a long password from any other sharing its first 72 bytes, so
    // longer passwords never match it (their owners get a new password from an admin).
    if (Buffer.byteLength(password, "utf8") > BCRYPT_MAX_BYTES) return false;
    return slots.run(() => bcrypt.compare(password, hash));
  }
  if (!hash.startsWith("$argon2")) return false;
  return slots.run(() => argon2.verify(hash, password).catch(() => false));
}

/** True for hashes made with an older algorithm or weaker parameters: rehash after a good login. */
export function needsRehash(hash: string): boolean {
  if (!hash.startsWith("$argon2id$")) return true;
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}
