import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: browser tests and server tests compete; keep parallelism modest and predictable.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "product",
          include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
          exclude: ["tests/extension/**"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
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
        },
      },
    ],
  },
});
