/**
 * `npm run build:server` (one step of `npm start`): bundles the server's start command to plain JavaScript
 * in .output/server/, so production runs on `node` alone. Running through tsx cost ~50 MB more resident
 * memory at start (its loader and the CLI's parent process) and seconds of compiling at every start.
 *
 * Packages stay external: node_modules is there at run time anyway, and bundling them would also bundle
 * better-sqlite3's native binding lookup and esbuild's binary path, both of which need their own folders.
 *
 * Several modules find files beside their source (the migrations, the built web app, the Teams tab's
 * script) through `import.meta.url`. In one bundle that would be the bundle's own address, so each
 * module's `import.meta.url` is rewritten to its source file's address relative to the bundle: the build
 * stays movable with the checkout, and the paths stay what they are under tsx.
 *
 * The source map is linked and carries no sources' text: `node --enable-source-maps` names the
 * TypeScript file and line in stack traces, and loads a map a third of the size at start.
 */
import { build, type Plugin } from "esbuild";
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { OPENAPI_FILE } from "../routing/openapi-route";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SERVER_BUILD_DIR = join(ROOT, ".output/server");
export const SERVER_BUILD_ENTRY = join(SERVER_BUILD_DIR, "start.js");

const NON_ASCII = /[^\x00-\x7f]/g;
const HAS_NON_ASCII = /[^\x00-\x7f]/;
const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Our own modules, as esbuild reads them: each `import.meta.url` becomes the address of the module's
 * source file, and in .ts files every non-ASCII character becomes a \u escape. esbuild escapes strings
 * itself but leaves regular expression literals as written, and V8 holds a module's whole source text
 * two bytes a character once it has one such character. In a .ts file the escape means the same
 * character wherever it can stand (string, template, regular expression, comment); in .tsx, JSX text
 * would show it as typed, so those are left alone. A column in a stack trace can be off by a few
 * characters on such a line; the line is right.
 */
function ourSources(outdir: string): Plugin {
  return {
    name: "our-sources",
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes(`${join("/", "node_modules", "/")}`)) return undefined;
        const tsx = args.path.endsWith(".tsx");
        let text = await readFile(args.path, "utf8");
        const ascii = !tsx && HAS_NON_ASCII.test(text);
        if (!text.includes("import.meta.url") && !ascii) return undefined;
        const fromBundle = relative(outdir, args.path).split("\\").join("/");
        text = text.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`);
        if (ascii) text = text.replace(NON_ASCII, escaped);
        return { contents: text, loader: tsx ? "tsx" : "ts", resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * zod's error messages in 40 languages, of which the server uses English only (it writes its own Dutch and
 * English messages): a third of zod's code, held in memory for the life of the process when bundled.
 * `z.locales` keeps English; zod itself imports en.js directly for its default.
 */
function zodEnglishOnly(): Plugin {
  return {
    name: "zod-english-only",
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        args.importer.includes(`${join("node_modules", "zod")}`) ? { path: join(dirname(args.importer), "../locales/en.js"), namespace: "zod-locales" } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};`,
        resolveDir: dirname(args.path),
        loader: "js",
      }));
    },
  };
}

export async function buildServer(outdir = SERVER_BUILD_DIR): Promise<void> {
  // Chunk names carry hashes: the previous build's chunks would otherwise pile up beside the new ones.
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    metafile: Boolean(process.env.SERVER_BUILD_META),
    // The counting thread's code is a file of its own: a worker thread starts from a file
    // (services/library/counting-thread.ts).
    entryPoints: { start: join(ROOT, "server/cli/start.ts"), "facet-thread": join(ROOT, "server/cli/facet-thread.ts") },
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["better-sqlite3", "esbuild", "linkedom", "openid-client"],
    banner: { js: 'import{createRequire as __knooppuntRequire}from"node:module";const require=__knooppuntRequire(import.meta.url);' },
    sourcemap: "linked",
    sourcesContent: false,
    // What is reached through `await import()` lands in chunks of its own, read only when first needed.
    // The chunks sit beside start.js: the rewritten `import.meta.url`s are relative to that folder.
    splitting: true,
    chunkNames: "[name]-[hash]",
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    logLevel: "warning",
    legalComments: "none",
    // V8 keeps each module's source text for as long as the module lives: without comments and
    // indentation, and in one byte a character (see ourSources), it is ~0.6 MB instead of ~1.4 MB.
    // Names stay, and the map has the lines.
    minifyWhitespace: true,
    plugins: [ourSources(outdir), zodEnglishOnly()],
  });
  // SERVER_BUILD_META=<file>: esbuild's account of which module went into which chunk, to see what a start reads.
  if (process.env.SERVER_BUILD_META) await writeFile(process.env.SERVER_BUILD_META, JSON.stringify(result.metafile));
  // The OpenAPI document, made once here from every route group: the running server serves this file
  // instead of reading all its route modules to make it (server/routing/openapi-route.ts).
  const { buildOpenApiDocument } = await import("../routing/openapi-document");
  await writeFile(join(outdir, OPENAPI_FILE), JSON.stringify(await buildOpenApiDocument()));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildServer().catch((error) => {
    console.error(error);
    console.error("De server kon niet gebouwd worden / building the server failed");
    process.exit(1);
  });
}
