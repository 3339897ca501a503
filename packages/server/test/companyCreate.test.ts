import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { createCompanyCommand, parseCompanyArgs } from "../src/cli/createCompanyCommand";
import { httpClient } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(serverRoot, "../..");

const server = useTestServer();

let n = 0;
const uniqueEmail = () => `admin${process.pid}-${Date.now()}-${++n}@tienda.test`;

async function run(argv: string[]) {
  const args = parseCompanyArgs(argv);
  if (!args.ok) return { exitCode: args.exitCode, lines: [args.message] };
  return createCompanyCommand(server.db, args);
}

describe("npm run company:create", () => {
  it("creates a company whose admin signs in with the generated password it printed", async () => {
    const email = uniqueEmail();
    const outcome = await run([
      "--name",
      "Tienda La Esquina S.A.S.",
      "--email",
      email.toUpperCase(),
      "--nit",
      "901234567-8",
    ]);
    expect(outcome.exitCode, outcome.lines.join("\n")).toBe(0);
    expect(outcome.lines.join("\n")).toContain(`Admin login: ${email}`);
    const password = /generated; store it now, it is not shown again\): (\S+)$/m.exec(outcome.lines.join("\n"))?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);
    const login = await httpClient(server).post("/api/auth/login", { email, password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body.user.role).toBe("admin");
    expect(login.body.company).toMatchObject({ name: "Tienda La Esquina S.A.S.", nit: "901234567-8" });
  });

  it("uses the password given", async () => {
    const email = uniqueEmail();
    const outcome = await run(["--name", "Otra", "--email", email, "--password", "Mostrador-Propia-2026"]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines.join("\n")).not.toContain("Mostrador-Propia-2026");
    const login = await httpClient(server).post("/api/auth/login", { email, password: "Mostrador-Propia-2026" });
    expect(login.status).toBe(200);
  });

  it("refuses bad input with a clear message and a non-zero exit code, creating nothing", async () => {
    const used = uniqueEmail();
    expect((await run(["--name", "Primera", "--email", used])).exitCode).toBe(0);
    const cases: [string[], number, RegExp][] = [
      [["--name", "Sin correo"], 2, /missing --email/],
      [["--email", uniqueEmail()], 2, /missing --name/],
      [["--name", "X", "--email", "no-es-correo"], 1, /--email: must be an email address/],
      [["--name", "X", "--email", uniqueEmail(), "--password", "corta"], 1, /WEAK_PASSWORD: .*at least 10/],
      [["--name", "   ", "--email", uniqueEmail()], 1, /--name: is required/],
      [["--name", "X", "--email", uniqueEmail(), "--color", "rojo"], 2, /Unknown option '--color'/],
      [["--name", "X", "--email", uniqueEmail(), "--password"], 2, /argument missing/],
      [["--name", "Segunda", "--email", used.toUpperCase()], 1, /already used by another user/],
    ];
    for (const [argv, exitCode, message] of cases) {
      const outcome = await run(argv);
      expect({ argv, exitCode: outcome.exitCode }).toEqual({ argv, exitCode });
      expect(outcome.lines.join("\n")).toMatch(message);
    }
    // Only this test's own emails are counted: other suites create companies in parallel (PostgreSQL pass).
    const emails = cases.flatMap(([argv]) => argv.filter((a) => a.includes("@")).map((a) => a.toLowerCase()));
    const users = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE email = ANY($1)", [
      emails,
    ]);
    expect(users[0]?.n).toBe(1); // `used`, from the first, successful run
  });

  it("the script itself: exit 0 and the login on success, exit ≠ 0 on bad input", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mostrador-company-"));
    try {
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
      const ok = spawnSync(
        "npm",
        ["run", "-s", "company:create", "--", "--name", "Tienda CLI", "--email", "cli@tienda.test"],
        {
          cwd: repoRoot,
          env,
          encoding: "utf8",
        },
      );
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/Admin login: cli@tienda\.test\nPassword \(generated; .*\): \S{24}/);
      const again = spawnSync(
        process.execPath,
        ["--import", "tsx", "src/cli/createCompany.ts", "--name", "Otra", "--email", "cli@tienda.test"],
        { cwd: serverRoot, env, encoding: "utf8" },
      );
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("already used by another user");
      const usage = spawnSync(process.execPath, ["--import", "tsx", "src/cli/createCompany.ts"], {
        cwd: serverRoot,
        env,
        encoding: "utf8",
      });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain("usage: npm run company:create");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
