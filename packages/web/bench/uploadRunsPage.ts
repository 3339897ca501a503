// The page of `syncUploadBenchmark.ts --browser`: the upload's till side in Chromium, on the page's IndexedDB.
// Each timed push is wrapped by calls to the host's exposed `benchAround` (start/stop): the host reads the
// processes' CPU there, and records the page's CPU profile when asked to (`--cpu-prof`).
import { measureUploads } from "./uploadRuns";

type Host = { benchAround?: (step: "start" | "stop") => Promise<void> };

(globalThis as { measureUploadsInPage?: unknown }).measureUploadsInPage = (baseUrl: string, runs: number) => {
  const host = globalThis as Host;
  return measureUploads(baseUrl, runs, async (push) => {
    await host.benchAround?.("start");
    await push();
    await host.benchAround?.("stop");
  });
};
