import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { nameSchema, userInputSchema } from "@mostrador/domain";
import { z } from "zod";
import type { Database } from "../db/database";
import { createCompany } from "../features/companies/companyCreator";

export const createCompanyUsage =
  'usage: npm run company:create -- --name "Mi Tienda S.A.S." --email admin@mitienda.co [--password …] [--nit 900123456-8] [--admin-name "Ana Pérez"]';

/** 0 created, 1 refused (bad input, email in use, the password rules), 2 wrong usage. */
export interface CommandOutcome {
  exitCode: 0 | 1 | 2;
  lines: string[];
}

export type CompanyArgs =
  | { ok: true; name: string; email: string; password?: string; nit: string; adminName: string }
  | { ok: false; exitCode: 1 | 2; message: string };

const argsSchema = z.object({
  name: nameSchema,
  email: userInputSchema.shape.email,
  // The same rules as a user created through the API; the server's password policy may add to them.
  password: userInputSchema.shape.password.optional(),
  nit: z.string().trim().max(50).default(""),
  adminName: nameSchema.default("Administrador"),
});

/** Reads and checks the options, before any database is opened. */
export function parseCompanyArgs(argv: string[]): CompanyArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        name: { type: "string" },
        email: { type: "string" },
        password: { type: "string" },
        nit: { type: "string" },
        "admin-name": { type: "string" },
      },
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    return { ok: false, exitCode: 2, message: `${(error as Error).message}\n${createCompanyUsage}` };
  }
  const missing = ["name", "email"].filter((k) => values[k] === undefined);
  if (missing.length)
    return {
      ok: false,
      exitCode: 2,
      message: `missing ${missing.map((m) => `--${m}`).join(", ")}\n${createCompanyUsage}`,
    };
  const parsed = argsSchema.safeParse({ ...values, adminName: values["admin-name"] });
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `--${String(i.path[0] ?? "")}: ${i.message}`).join("; ");
    return { ok: false, exitCode: 1, message: why };
  }
  return { ok: true, ...parsed.data };
}

/** A strong random password (144 bits) for when the operator gives none. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/** Creates a company and its first admin; every refusal says why and creates nothing. */
export async function createCompanyCommand(
  db: Database,
  args: Extract<CompanyArgs, { ok: true }>,
): Promise<CommandOutcome> {
  // Login looks users up by email across companies: a second company's admin must not share it.
  const taken = await db.query("SELECT 1 FROM users WHERE email = $1 LIMIT 1", [args.email]);
  if (taken[0]) return { exitCode: 1, lines: [`--email: ${args.email} is already used by another user; pick another`] };
  const generated = args.password === undefined;
  const password = args.password ?? generatePassword();
  try {
    const { companyId } = await createCompany(db, {
      name: args.name,
      nit: args.nit,
      admin: { name: args.adminName, email: args.email, password },
    });
    return {
      exitCode: 0,
      lines: [
        `Company "${args.name}" created (id ${companyId}).`,
        `Admin login: ${args.email}`,
        generated
          ? `Password (generated; store it now, it is not shown again): ${password}`
          : "Password: the one you gave.",
      ],
    };
  } catch (error) {
    // The password policy and the database speak for themselves (e.g. WEAK_PASSWORD).
    const e = error as { code?: string; message?: string };
    return { exitCode: 1, lines: [`${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}`] };
  }
}
