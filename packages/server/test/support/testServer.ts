import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "../../src/testing/testServer";

/**
 * The opening every server suite shares: one real server per test file (PGlite in memory, or
 * TEST_DATABASE_URL), started before its tests and closed after them. Suites that sign in many
 * times also put this line at their top (vitest only hoists vi.mock written in the test file):
 *   vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));
 */
export function useTestServer(options?: Parameters<typeof startTestServer>[0]): TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return new Proxy({} as TestServer, {
    get(_target, key) {
      if (!server) throw new Error("the test server is not started yet: use it inside a test or a hook");
      return Reflect.get(server, key);
    },
  });
}
