import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "domain", root: "packages/domain", include: ["src/**/*.test.ts"] } },
      {
        test: {
          name: "server",
          root: "packages/server",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "web",
          root: "packages/web",
          include: ["src/**/*.test.ts", "src/**/*.test.tsx", "pwa/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          root: "packages/web",
          include: ["e2e/**/*.e2e.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One browser and one server at a time: this machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
