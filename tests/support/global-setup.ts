import { execFileSync } from "node:child_process";

/** The browser tests load the built extension and open the built web app: build both once per run, as `npm start` does. */
export default function setup() {
  execFileSync(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build"], { stdio: "pipe" });
  // Vitest sets NODE_ENV=test, which Vite would carry into the bundle (Preact's debug build): build as `npm start` does.
  execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "-c", "extension/web/vite.config.ts"], { stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
  // The server as `npm start` runs it, bundled to .output/server (tests/server/production-build.test.ts).
  execFileSync(process.execPath, ["--import", "tsx", "server/cli/build.ts"], { stdio: "pipe" });
}
