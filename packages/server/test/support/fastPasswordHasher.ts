import bcrypt from "bcryptjs";

/**
 * Tests only: the real bcrypt at its lowest cost, so that every test can seed its own
 * company (two hashes) and sign in (two compares) in milliseconds. auth.test.ts and
 * passwords.test.ts keep the production hasher (argon2id). Use in a test file with:
 *   vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));
 */
export const BCRYPT_MAX_BYTES = 72;
export const hashPassword = (password: string) => bcrypt.hash(password, 4);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);
/** Never: these hashes are cheap on purpose. */
export const needsRehash = (_hash: string) => false;
