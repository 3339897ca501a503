import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { passwordRuleBroken } from "../src/auth/passwordPolicy";
import { createCompany } from "../src/features/companies/companyCreator";
import { newShop } from "./support/company";
import { expectApiError, httpClient } from "./support/http";
import { useTestServer } from "./support/testServer";

// The production hasher: these tests are about argon2id and the legacy bcrypt hashes.
const server = useTestServer();

const storedHash = async (companyId: string, userId: string) =>
  (
    await server.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE company_id = $1 AND id = $2",
      [companyId, userId],
    )
  )[0]?.password_hash ?? "";

const setHash = (companyId: string, userId: string, hash: string) =>
  server.db.query("UPDATE users SET password_hash = $3 WHERE company_id = $1 AND id = $2", [companyId, userId, hash]);

describe("hashing", () => {
  it("new passwords are stored as argon2id", async () => {
    const demo = await server.newCompany();
    expect(await storedHash(demo.companyId, demo.adminId)).toMatch(/^\$argon2id\$/);
  });

  it("a legacy bcrypt hash still signs in and is replaced by argon2id on that login", async () => {
    const demo = await server.newCompany();
    const http = httpClient(server);
    await setHash(demo.companyId, demo.cashierId, bcrypt.hashSync(demo.password, 4));
    expect((await http.post("/api/auth/login", { email: demo.cashierEmail, password: demo.password })).status).toBe(
      200,
    );
    const upgraded = await storedHash(demo.companyId, demo.cashierId);
    expect(upgraded).toMatch(/^\$argon2id\$/);
    expect((await http.post("/api/auth/login", { email: demo.cashierEmail, password: demo.password })).status).toBe(
      200,
    );
    expect(await storedHash(demo.companyId, demo.cashierId)).toBe(upgraded); // rehashed once, not on every login
    // A wrong password never touches the hash.
    await setHash(demo.companyId, demo.cashierId, bcrypt.hashSync(demo.password, 4));
    expectApiError(await http.post("/api/auth/login", { email: demo.cashierEmail, password: "otra-cosa-123" }), 401);
    expect(await storedHash(demo.companyId, demo.cashierId)).toMatch(/^\$2[ab]\$/);
  });
});

describe("no silent truncation at 72 bytes", () => {
  const first72 = "ñ".repeat(30) + "x".repeat(12); // 72 bytes in UTF-8, 42 characters
  const long = `${first72}-el-resto-importa`;

  it("argon2id: a password sharing only its first 72 bytes does not sign in", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const email = `largo-${Date.now()}@${demo.companyId}.test`;
    const created = await http.post(
      "/api/users",
      { name: "Largo", email, password: long, role: "cashier" },
      {
        token: shop.admin,
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectApiError(await http.post("/api/auth/login", { email, password: `${first72}-otro-final` }), 401);
    expectApiError(await http.post("/api/auth/login", { email, password: first72 }), 401);
    expect((await http.post("/api/auth/login", { email, password: long })).status).toBe(200);
  });

  it("legacy bcrypt: passwords over 72 bytes never match (bcrypt cannot tell them apart); 72 bytes still do", async () => {
    const demo = await server.newCompany();
    const http = httpClient(server);
    expect(Buffer.byteLength(first72)).toBe(72);
    await setHash(demo.companyId, demo.adminId, bcrypt.hashSync(long, 4));
    // bcrypt itself would accept this: same first 72 bytes.
    expect(bcrypt.compareSync(`${first72}-otro-final`, await storedHash(demo.companyId, demo.adminId))).toBe(true);
    expectApiError(
      await http.post("/api/auth/login", { email: demo.adminEmail, password: `${first72}-otro-final` }),
      401,
    );
    expectApiError(await http.post("/api/auth/login", { email: demo.adminEmail, password: long }), 401);
    await setHash(demo.companyId, demo.adminId, bcrypt.hashSync(first72, 4));
    expect((await http.post("/api/auth/login", { email: demo.adminEmail, password: first72 })).status).toBe(200);
    expect(await storedHash(demo.companyId, demo.adminId)).toMatch(/^\$argon2id\$/);
  });
});

describe("password policy", () => {
  it("the rules: 10 characters (not bytes), not common, not one repeated character; the demo password passes", () => {
    expect(passwordRuleBroken("ejemplar2026")).toBeNull();
    expect(passwordRuleBroken("contraseña")).toBe("common");
    expect(passwordRuleBroken("Contrasena123")).toBe("common");
    expect(passwordRuleBroken("ñandú-ñoño")).toBeNull(); // 10 characters, 14 bytes
    expect(passwordRuleBroken("ñandú-ñoñ")).toBe("min_length");
    expect(passwordRuleBroken("zzzzzzzzzzzz")).toBe("common");
    expect(passwordRuleBroken("")).toBe("min_length");
  });

  it("creating or changing a user with a weak password → 400 WEAK_PASSWORD naming the rule; nothing changes", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const token = shop.admin;
    const email = `nueva-${Date.now()}@${demo.companyId}.test`;
    const short = await http.post(
      "/api/users",
      { name: "N", email, password: "corta-123", role: "cashier" },
      { token },
    );
    expectApiError(short, 400, "WEAK_PASSWORD");
    expect(short.body.error.message).toMatch(/at least 10 characters/);
    const common = await http.post(
      "/api/users",
      { name: "N", email, password: "1234567890", role: "cashier" },
      { token },
    );
    expectApiError(common, 400, "WEAK_PASSWORD");
    expect(common.body.error.message).toMatch(/most common passwords/);
    expect((await http.get(`/api/users?q=${encodeURIComponent(email)}`, { token })).body.total).toBe(0);
    const patch = await http.patch(`/api/users/${demo.cashierId}`, { password: "Password123" }, { token });
    expectApiError(patch, 400, "WEAK_PASSWORD");
    expect((await http.post("/api/auth/login", { email: demo.cashierEmail, password: demo.password })).status).toBe(
      200,
    );
    const ok = await http.post("/api/users", { name: "N", email, password: demo.password, role: "cashier" }, { token });
    expect(ok.status).toBe(201);
  });

  it("company creation refuses a weak first-admin password", async () => {
    const weak = createCompany(server.db, {
      name: "Débil",
      nit: "900000001",
      admin: { name: "A", email: `debil-${Date.now()}@ejemplo.test`, password: "qwertyuiop" },
    });
    await expect(weak).rejects.toMatchObject({ statusCode: 400, code: "WEAK_PASSWORD" });
  });
});
