import { ApiError } from "../http/apiError";
import { COMMON_PASSWORDS } from "./commonPasswords";

/** Characters (code points), not bytes: "contraseña" is 10. */
export const MIN_PASSWORD_LENGTH = 10;

const common = new Set(COMMON_PASSWORDS);

export type PasswordRule = "min_length" | "common";

/** The first rule a new password breaks, or null. */
export function passwordRuleBroken(password: string): PasswordRule | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return "min_length";
  const lower = password.toLowerCase();
  // One character repeated ("aaaaaaaaaa") is as guessable as anything on the list.
  if (common.has(lower) || new Set(chars).size === 1) return "common";
  return null;
}

/** For every new or changed password (users CRUD, company creation): 400 WEAK_PASSWORD naming the rule. */
export function assertPasswordPolicy(password: string): void {
  const rule = passwordRuleBroken(password);
  if (!rule) return;
  const message =
    rule === "min_length"
      ? `password: needs at least ${MIN_PASSWORD_LENGTH} characters`
      : "password: is one of the most common passwords, easy to guess; choose another";
  throw new ApiError(400, "WEAK_PASSWORD", message, { field: "password", rule });
}
