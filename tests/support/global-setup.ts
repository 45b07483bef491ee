import { execFileSync } from "node:child_process";

/** The browser tests load the built extension: build it once per run, as `npm start` does. */
export default function setup() {
  execFileSync(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build"], { stdio: "pipe" });
}
