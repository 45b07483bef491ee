import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Both test projects name this setup; Vitest runs each project's setups in the one main process, so a flag there builds once. */
const BUILT = Symbol.for("knooppunt.tests.built");

/**
 * The browser tests load the built extension (Chromium and Firefox) and open the built web app: build them once
 * per run, as `npm start` and `npm run ext:build:firefox` do. One after the other: both WXT builds rewrite `.wxt/`,
 * whose tsconfig the web app's Vite build reads.
 */
export default async function setup() {
  const state = globalThis as { [BUILT]?: Promise<void> };
  state[BUILT] ??= (async () => {
    await run(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build"]);
    await run(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build", "-b", "firefox", "--mv3"]);
    // Vitest sets NODE_ENV=test, which Vite would carry into the bundle (Preact's debug build): build as `npm start` does.
    await run(process.execPath, ["node_modules/vite/bin/vite.js", "build", "-c", "extension/web/vite.config.ts"], { env: { ...process.env, NODE_ENV: "production" } });
    // The server as `npm start` runs it, bundled to .output/server (tests/server/production-build.test.ts).
    await run(process.execPath, ["--import", "tsx", "server/cli/build.ts"]);
  })();
  await state[BUILT];
}
