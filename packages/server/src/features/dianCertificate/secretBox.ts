import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Secrets at rest (the company certificate's password): AES-256-GCM with a random 96-bit nonce;
 * the company's id is the associated data, so a sealed value copied to another company does not
 * open. Format: "v1." + base64(nonce ‖ tag ‖ ciphertext).
 */
export interface SecretBox {
  seal(plain: string, companyId: string): string;
  open(sealed: string, companyId: string): string;
}

export function secretBoxOf(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new Error("the secret key must be 32 bytes (AES-256)");
  const k = Buffer.from(key);
  return {
    seal(plain, companyId) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", k, nonce);
      cipher.setAAD(Buffer.from(companyId, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64")}`;
    },
    open(sealed, companyId) {
      if (!sealed.startsWith("v1.")) throw new Error("unknown sealed-secret format");
      const raw = Buffer.from(sealed.slice(3), "base64");
      const decipher = createDecipheriv("aes-256-gcm", k, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(companyId, "utf8"));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}

/** MOSTRADOR_SECRET_KEY: 32 bytes as 64 hexadecimal digits or base64. */
export function parseSecretKey(value: string): Uint8Array {
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32)
    throw new Error("MOSTRADOR_SECRET_KEY must be 32 bytes: 64 hex digits or 44 base64 characters");
  return key;
}

export const SECRET_KEY_FILE = "secret.key";

/**
 * The server's secret key: MOSTRADOR_SECRET_KEY when set (several servers on one PostgreSQL must
 * share it), else DATA_DIR/secret.key, created (mode 0600) on first use. Without either (an
 * in-memory test database) a random key for this process: its secrets die with its database.
 */
export function loadSecretKey(options: { envValue?: string; dataDir?: string | null }): Uint8Array {
  if (options.envValue?.trim()) return parseSecretKey(options.envValue);
  if (!options.dataDir) return randomBytes(32);
  const file = join(options.dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) return parseSecretKey(readFileSync(file, "utf8"));
  mkdirSync(dirname(file), { recursive: true });
  // "wx": two processes starting at once never overwrite each other's key.
  try {
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return parseSecretKey(readFileSync(file, "utf8"));
}
