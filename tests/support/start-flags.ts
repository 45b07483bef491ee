import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The node flags `npm start` runs the server with, read from package.json's start script: tests and
 * benchmarks that speak of the server's memory measure the process as it runs for real.
 */
export const START_FLAGS: string[] =
  /node (--[^.]+?) \.output\/server\/start\.js/.exec(JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")).scripts.start)?.[1]?.split(" ") ?? [];
