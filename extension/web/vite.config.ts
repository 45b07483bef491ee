import preact from "@preact/preset-vite";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, defineConfig, type Plugin } from "vite";

/**
 * The web app: the side panel's features as a page of the server's own at /app, for browsers without the
 * extension (managed laptops, iPads, phones). `npm start` builds it into .output/web, which the server serves.
 */
const ROOT = fileURLToPath(new URL(".", import.meta.url));
const OUT_DIR = fileURLToPath(new URL("../../.output/web", import.meta.url));

/**
 * Two scripts with fixed names beside the app, each one self-contained file (no imports, no module): the
 * service worker (/app/sw.js; a classic worker, as Safari long required) and the script the bookmarklet
 * loads into other sites' pages (/app/page-facts.js). Built after the app, because the service worker
 * must know the app's hashed files and a version that changes with them.
 */
function fixedNameScripts(): Plugin {
  let files: string[] = [];
  let version = "";
  return {
    name: "knooppunt-fixed-name-scripts",
    apply: "build",
    writeBundle(_options, bundle) {
      const publicFiles = readdirSync(`${ROOT}/public`);
      files = [...Object.keys(bundle).filter((name) => name !== "index.html"), ...publicFiles].sort();
      // Every byte the service worker keeps counts: a changed icon or manifest keeps its name.
      const hash = createHash("sha256");
      for (const output of Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
        hash.update(output.fileName).update(output.type === "chunk" ? output.code : output.source);
      }
      for (const name of publicFiles.sort()) hash.update(name).update(readFileSync(`${ROOT}/public/${name}`));
      version = hash.digest("hex").slice(0, 16);
    },
    async closeBundle() {
      const script = (entry: string, fileName: string, define: Record<string, string> = {}) =>
        build({
          configFile: false,
          logLevel: "warn",
          publicDir: false,
          define,
          build: {
            outDir: OUT_DIR,
            emptyOutDir: false,
            target: "es2020",
            copyPublicDir: false,
            lib: { entry: `${ROOT}/${entry}`, formats: ["iife"], name: "knooppunt", fileName: () => fileName },
          },
        });
      await script("pwa/sw.ts", "sw.js", { __APP_VERSION__: JSON.stringify(version), __APP_FILES__: JSON.stringify(files) });
      await script("help/page-facts.ts", "page-facts.js");
    },
  };
}

export default defineConfig({
  root: ROOT,
  base: "/app/",
  publicDir: "public",
  plugins: [preact(), fixedNameScripts()],
  logLevel: "warn",
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    // The pages' CSP allows scripts from our own origin only: no inline module preload helper.
    modulePreload: { polyfill: false },
    target: "es2022",
  },
});
