import type { TestServer } from "../../src/testing/testServer";

/** The SQL statements a call sends through the test server's database (the routes use server.db). */
export async function statementsOf<T>(
  server: TestServer,
  call: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = server.db.query.bind(server.db);
  server.db.query = (async (sql: string, params?: readonly unknown[]) => {
    statements.push(sql);
    return original(sql, params);
  }) as typeof server.db.query;
  try {
    return { result: await call(), statements };
  } finally {
    server.db.query = original;
  }
}
