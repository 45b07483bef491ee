import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Both test projects name this setup; Vitest runs each project's setups in the one main process, so a flag there builds once. */
const BUILT = Symbol.for("knooppunt.tests.built");

/** What the four builds read: when none of it changed since the last build, the outputs in `.output/` are still true. */
const BUILD_INPUTS = ["extension", "shared", "server", "package.json", "package-lock.json", "wxt.config.ts", "tsconfig.json"];
const STAMP = ".output/.tests-build-stamp";

function inputsStamp(): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
      return;
    }
    hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

/**
 * The browser tests load the built extension (Chromium and Firefox) and open the built web app: build them once
 * per run, as `npm start` and `npm run ext:build:firefox` do. One after the other: both WXT builds rewrite `.wxt/`,
 * whose tsconfig the web app's Vite build reads. A run whose sources are unchanged since the last build (a stamp of
 * every input's size and modification time) reuses it: running one test file again should not cost four builds.
 */
export default async function setup() {
  const state = globalThis as { [BUILT]?: Promise<void> };
  state[BUILT] ??= (async () => {
    const stamp = inputsStamp();
    if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === stamp) return;
    await run(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build"]);
    await run(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build", "-b", "firefox", "--mv3"]);
    // Vitest sets NODE_ENV=test, which Vite would carry into the bundle (Preact's debug build): build as `npm start` does.
    await run(process.execPath, ["node_modules/vite/bin/vite.js", "build", "-c", "extension/web/vite.config.ts"], { env: { ...process.env, NODE_ENV: "production" } });
    // The server as `npm start` runs it, bundled to .output/server (tests/server/production-build.test.ts).
    await run(process.execPath, ["--import", "tsx", "server/cli/build.ts"]);
    writeFileSync(STAMP, stamp);
  })();
  await state[BUILT];
}
