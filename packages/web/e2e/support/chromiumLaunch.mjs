// How every browser test and benchmark starts the system Chromium: one list of flags, in a module with no
// side effects (browserHarness.ts, which e2e suites import, checks and warns at import time). Plain JavaScript
// so the benchmarks run by plain `node` (posBenchmark.mjs, …) import it as well as the TypeScript ones.

/** The system Chromium (apt-get install -y chromium); CHROMIUM_PATH (or CHROMIUM, the benchmarks' older name) overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? process.env.CHROMIUM ?? "/usr/bin/chromium";

/** No sandbox (root in a container), no GPU, and nothing that reaches the internet on its own. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
