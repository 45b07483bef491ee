/**
 * The two scripts the Teams tab's configuration page runs, served from this server so the page's CSP can say
 * `script-src 'self'` and nothing else: the Teams JavaScript library (its own UMD build, as published) and
 * our configure script (server/pages/teams/configure-script.ts), compiled from TypeScript once, on first use.
 *
 * esbuild does the compiling because it is already here: tsx, which runs this server, is built on it.
 * Each file's name carries a hash of its content, so a browser may keep it for a year and still gets the new
 * one the moment it changes; and since it never changes under its name, it is compressed only once.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export interface TeamsScript {
  /** The file name under /teams/scripts/, with its content hash. */
  name: string;
  body: string;
  /** The same, gzipped once: the library is about 210 KB, a quarter of that compressed. */
  gzipped: Uint8Array;
}

export interface TeamsScripts {
  teamsJs: TeamsScript;
  configure: TeamsScript;
}

const hashed = (stem: string, body: string): TeamsScript => ({
  name: `${stem}.${createHash("sha256").update(body).digest("hex").slice(0, 16)}.js`,
  body,
  gzipped: new Uint8Array(gzipSync(body)),
});

function load(): TeamsScripts {
  // The package's "main" is the minified UMD build, which sets the `microsoftTeams` global.
  const library = readFileSync(createRequire(import.meta.url).resolve("@microsoft/teams-js"), "utf8")
    // The source map is not served; without the comment no browser asks for it.
    .replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  const source = readFileSync(fileURLToPath(new URL("../../pages/teams/configure-script.ts", import.meta.url)), "utf8");
  // esbuild's API is required here, at the first Teams tab, rather than imported: servers not in Teams never load it.
  const { transformSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const configure = transformSync(source, { loader: "ts", target: "es2020", format: "iife", legalComments: "none" }).code;
  return { teamsJs: hashed("teams-js", library), configure: hashed("configure", configure) };
}

let loaded: TeamsScripts | null = null;

export function teamsScripts(): TeamsScripts {
  loaded ??= load();
  return loaded;
}

/** The script with this file name, or null for any other name. */
export function teamsScriptNamed(name: string): TeamsScript | null {
  const { teamsJs, configure } = teamsScripts();
  return [teamsJs, configure].find((script) => script.name === name) ?? null;
}
