import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: browser tests and server tests compete; keep parallelism modest and predictable.
    maxWorkers: 2,
    // A screen that waits on the server (counts, an import's progress) can take more than vitest's 1 s to
    // show its state on a loaded machine; a poll that is going to fail still fails, 4 s later.
    expect: { poll: { timeout: 5_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: "product",
          include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
          exclude: ["tests/extension/**"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          // Every file starts its own server, database and browser, and nothing here mocks a module: files can share
          // a worker's loaded modules instead of importing the server, jsdom and Playwright again for each file.
          isolate: false,
        },
      },
      {
        // Extension modules as WXT runs them (#imports, storage items), on WXT's in-memory fake browser.
        extends: true,
        plugins: [WxtVitest()],
        test: {
          name: "extension",
          include: ["tests/extension/**/*.test.ts", "tests/extension/**/*.test.tsx"],
          environment: "node",
          // The managed-policy test reads the shipped build: the same one build per run as the product's tests.
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
    ],
  },
});
