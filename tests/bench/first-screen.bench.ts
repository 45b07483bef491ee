/**
 * How much JavaScript each first screen loads (`npm run bench:size`, and first in `npm run bench`): the
 * extension's popup and side panel, and the web app at /app. A first screen is its page's module scripts
 * and everything they import statically, followed through the built chunks; what is imported on demand
 * (`import()`) comes later and is listed apart. Sizes are raw and gzipped (level 6, as servers send them;
 * the web app's server sends its assets gzipped). Targets, gzipped: the popup ≤ 30 KB, the side panel ≤ 50 KB,
 * the web app ≤ 100 KB.
 *
 * Builds what is missing first (wxt build, the web build). It is a benchmark: it exits 0 when the target is
 * missed and non-zero only when something is broken (a page or chunk that is not there).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const EXTENSION = resolve(".output/chrome-mv3");
const WEB = resolve(".output/web");

interface Screen {
  name: string;
  /** The built folder the page's absolute paths start from. */
  root: string;
  /** How the page names its own folder in absolute paths (the web app's are under /app/). */
  base: string;
  page: string;
  /** The first screen's gzipped JavaScript may be at most this many KB. */
  targetKb: number;
}

const SCREENS: Screen[] = [
  { name: "popup (extension)", root: EXTENSION, base: "/", page: "popup.html", targetKb: 30 },
  { name: "side panel (extension)", root: EXTENSION, base: "/", page: "sidepanel.html", targetKb: 50 },
  { name: "web app /app", root: WEB, base: "/app/", page: "index.html", targetKb: 100 },
];

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.js)["']\s*\)/g;

function ensureBuilt() {
  if (!existsSync(join(EXTENSION, "popup.html"))) execFileSync(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build"], { stdio: "inherit" });
  if (!existsSync(join(WEB, "index.html"))) execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "-c", "extension/web/vite.config.ts"], { stdio: "inherit" });
}

/** A path from the page (absolute under its base, or relative to the page) as a file in the build. */
function fileOf(screen: Screen, from: string, specifier: string): string {
  if (specifier.startsWith(screen.base)) return join(screen.root, specifier.slice(screen.base.length));
  if (specifier.startsWith("/")) return join(screen.root, specifier.slice(1));
  return resolve(dirname(from), specifier);
}

function measure(screen: Screen) {
  const pagePath = join(screen.root, screen.page);
  const html = readFileSync(pagePath, "utf8");
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => fileOf(screen, pagePath, m[1]!));
  const loaded = new Set<string>();
  const later = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (loaded.has(file)) continue;
    if (!existsSync(file)) throw new Error(`${screen.name}: ${posix.basename(file)} is named but not built`);
    loaded.add(file);
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(fileOf(screen, file, m[1]!));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) later.add(fileOf(screen, file, m[1]!));
  }
  const size = (files: Iterable<string>) => {
    const all = Buffer.concat([...files].map((f) => readFileSync(f)));
    // Each file travels compressed on its own; summing per-file gzip sizes is what the wire sees.
    const gzip = [...files].reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 6 }).length, 0);
    return { raw: all.length, gzip, files: [...files].length };
  };
  for (const file of loaded) later.delete(file);
  return { first: size(loaded), later: size(later) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main() {
  ensureBuilt();
  console.log("\nFirst screen JavaScript (static imports from the page; gzip level 6 per file)\n");
  console.log(`${"screen".padEnd(26)}${"files".padStart(6)}${"raw".padStart(12)}${"gzip".padStart(12)}   later, on demand (gzip)`);
  const verdicts: string[] = [];
  for (const screen of SCREENS) {
    const { first, later } = measure(screen);
    console.log(`${screen.name.padEnd(26)}${String(first.files).padStart(6)}${kb(first.raw).padStart(12)}${kb(first.gzip).padStart(12)}   ${later.files ? `${kb(later.gzip)} in ${later.files} file(s)` : "—"}`);
    const ratio = first.gzip / 1024 / screen.targetKb;
    verdicts.push(`${screen.name}: ${kb(first.gzip)} gzipped = ${ratio.toFixed(2)}× the ${screen.targetKb} KB target (${ratio <= 1 ? "met" : "MISSED"}).`);
  }
  console.log(`\n${verdicts.join("\n")}\n`);
}

main();
