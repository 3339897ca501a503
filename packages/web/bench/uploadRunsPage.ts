// The page of `syncUploadBenchmark.ts --browser`: the upload's till side in Chromium, on the page's IndexedDB.
// With `profile`, each timed push is wrapped by calls to the host's exposed `benchProfile` (start/stop).
import { measureUploads } from "./uploadRuns";

type Host = { benchProfile?: (step: "start" | "stop") => Promise<void> };

(globalThis as { measureUploadsInPage?: unknown }).measureUploadsInPage = (
  baseUrl: string,
  runs: number,
  profile: boolean,
) => {
  const host = globalThis as Host;
  return measureUploads(baseUrl, runs, async (push) => {
    if (profile) await host.benchProfile?.("start");
    await push();
    if (profile) await host.benchProfile?.("stop");
  });
};
