import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import { afterAll, beforeAll } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import { injectFetch } from "../sync/testing/injectFetch";

/**
 * A real server (in-process, PGlite) for a suite of till tests: started before its tests, closed
 * after them. `online()` reaches it without a network; `offline()` fails every request as a lost
 * connection does.
 */
export function useTillTestServer() {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await started?.close();
  });
  const server = (): TestServer => {
    if (!started) throw new Error("the test server is not started yet (use it inside a test)");
    return started;
  };
  return {
    server,
    online: () => new FetchServerTransport({ fetch: injectFetch(() => server().app) }),
    offline: () =>
      new FetchServerTransport({
        fetch: async () => {
          throw new TypeError("offline");
        },
      }),
  };
}
