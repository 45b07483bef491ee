import preact from "@preact/preset-vite";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Plugin } from "vite";
import { defineConfig } from "wxt";
import { CATALOGUE } from "./shared/i18n/catalogue";

const I18N = resolve("shared/i18n");
// Every catalogue file writes its English texts the same way: one literal of strings after this line.
const ENGLISH = /^const en: Record<keyof typeof nl, string> = (\{[\s\S]*?\n\});$/m;
const ENGLISH_MODULE = "virtual:knooppunt-english";
// A real-looking path, not rollup's "\0" convention: that would name the chunk "_virtual…", and an extension may
// not serve a file whose name starts with "_" (Chrome keeps those names for itself).
const ENGLISH_ID = join(I18N, "english-texts.js");

/**
 * The pages' first load (popup, side panel, options) carries the Dutch texts only; the English ones come
 * in a chunk of their own (extension/lib/language/english-later.ts loads it). The background and the
 * content script keep both: a service worker cannot load a chunk on demand, and they are not a first screen.
 */
function englishLater(): Plugin {
  let pages = false;
  const catalogues = () => {
    const files: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) visit(join(dir, entry.name));
        else if (entry.name.endsWith(".ts") && ENGLISH.test(readFileSync(join(dir, entry.name), "utf8"))) files.push(join(dir, entry.name));
      }
    };
    visit(I18N);
    return files;
  };
  return {
    name: "knooppunt-english-later",
    enforce: "pre",
    buildStart(options) {
      const inputs = Array.isArray(options.input) ? options.input : Object.values(options.input ?? {});
      pages = inputs.some((input) => input.endsWith(".html"));
    },
    resolveId: (id) => (id === ENGLISH_MODULE ? ENGLISH_ID : undefined),
    load(id) {
      if (id !== ENGLISH_ID) return undefined;
      const literals = catalogues().map((file) => {
        const literal = ENGLISH.exec(readFileSync(file, "utf8"))![1]!;
        // Only strings may stand in a catalogue; anything else would fail here, at build time, not in a person's browser.
        new Function(`return ${literal}`)();
        return literal;
      });
      return `export default Object.assign({}, ${literals.join(",\n")});`;
    },
    transform(code, id) {
      if (!pages || !id.startsWith(I18N) || !id.endsWith(".ts") || !ENGLISH.test(code)) return undefined;
      return { code: code.replace(ENGLISH, "const en = {} as Record<keyof typeof nl, string>;"), map: null };
    },
  };
}

const TRANSLATE = join(I18N, "translate.ts");
// What ./catalogue becomes in a page's build: translate's own texts only (see textsWithTheirScreens).
const FIRST_CATALOGUE_ID = join(I18N, "catalogue-of-translate.js");
const TEXTS_OF = ".texts.js";
// A key in quotes ("library.title"), or a key's start before a template's first value (`kind.${kind}`).
const NAMED_KEY = /["'`]([A-Za-z][\w.-]*?)(?=["'`]|\$\{)(\$\{)?/g;

/** The catalogue's keys a script names: each literal key, and every key under a `prefix.${…}` template. */
function keysNamedIn(code: string): string[] {
  const keys = new Set<string>();
  const dutch: Record<string, string> = CATALOGUE.nl;
  for (const [, literal = "", template] of code.matchAll(NAMED_KEY)) {
    if (literal.endsWith(".")) for (const key of Object.keys(dutch)) key.startsWith(literal) && keys.add(key);
    else if (!template && Object.hasOwn(dutch, literal)) keys.add(literal);
  }
  return [...keys].sort();
}

/**
 * The pages (popup, side panel, options) do not load the whole Dutch catalogue: every script of ours brings
 * the Dutch texts it names (a small module it imports first, which adds them through `addTexts`), so a
 * text travels in the chunk of the screen that shows it, and a screen opened later brings its own. The
 * catalogue that `translate` starts from holds only the texts translate.ts names itself (API errors,
 * kinds, circles, sectors). Keys are found as written in the source: literally, or as the start of a
 * template ending in "." (`offer.status.${status}`); a key made any other way would show as its key,
 * which the screens' tests would see. The background and the content script keep the whole catalogue.
 */
function textsWithTheirScreens(): Plugin {
  let pages = false;
  const named = new Map<string, string[]>();
  const addsTexts = (keys: string[]) => {
    const dutch: Record<string, string> = CATALOGUE.nl;
    return JSON.stringify(Object.fromEntries(keys.map((key) => [key, dutch[key]])));
  };
  return {
    name: "knooppunt-texts-with-their-screens",
    enforce: "pre",
    buildStart(options) {
      const inputs = Array.isArray(options.input) ? options.input : Object.values(options.input ?? {});
      pages = inputs.some((input) => input.endsWith(".html"));
    },
    resolveId(source, importer) {
      if (!pages) return undefined;
      if (source === "./catalogue" && importer === TRANSLATE) return FIRST_CATALOGUE_ID;
      return named.has(source) ? source : undefined;
    },
    load(id) {
      if (id === FIRST_CATALOGUE_ID) return `export const CATALOGUE = { nl: ${addsTexts(keysNamedIn(readFileSync(TRANSLATE, "utf8")))}, en: {} };`;
      const keys = named.get(id);
      return keys ? `import { addTexts } from ${JSON.stringify(TRANSLATE)};\naddTexts("nl", ${addsTexts(keys)});` : undefined;
    },
    transform(code, id) {
      if (!pages || !/\.tsx?$/.test(id) || id.includes("/node_modules/") || id === TRANSLATE) return undefined;
      // A catalogue's own keys are its texts, not texts it shows.
      if (id.startsWith(I18N) && /^const nl(: [^=]+)? = \{/m.test(code)) return undefined;
      const keys = keysNamedIn(code);
      if (keys.length === 0) return undefined;
      const texts = `${id}${TEXTS_OF}`;
      named.set(texts, keys);
      // On the first line, so the script's lines keep their numbers.
      return { code: `import ${JSON.stringify(texts)};${code}`, map: null };
    },
  };
}

// The extension lives in extension/ (entrypoints, features, components, lib); shared/ holds what it agrees on with the server.
export default defineConfig({
  srcDir: "extension",
  publicDir: "extension/public",
  outDir: ".output",
  vite: () => ({
    plugins: [preact(), englishLater(), textsWithTheirScreens()],
    // Chrome and Firefox (115 on) know <link rel="modulepreload">: the polyfill would only weigh on every page.
    build: { modulePreload: { polyfill: false } },
  }),
  // Firefox's review needs the extension's sources, not the server's or the tests'.
  zip: { excludeSources: ["server/**", "tests/**", "data/**", "drizzle.config.ts", "vitest.config.ts"] },
  manifest: ({ browser }) => ({
    name: "Knooppunt",
    description: "Bewaar en deel wat je leert in je netwerk / Clip and share what you learn with your network",
    // The side panel (Chrome: side_panel + the sidePanel permission; Firefox: sidebar_action) is generated by
    // WXT from entrypoints/sidepanel/. activeTab + scripting: a page is read only when the person clips it.
    // tabs: the toolbar mark needs the URL of the tab in view. The host permissions cover the default local
    // server address only; a school's own server is reached through its CORS headers.
    // unlimitedStorage: a week offline with long pages must not fill the storage quota and lose clips.
    // identity: the school-account sign-in runs in the browser's own sign-in window (launchWebAuthFlow).
    permissions: ["storage", "unlimitedStorage", "activeTab", "scripting", "contextMenus", "notifications", "alarms", "tabs", "identity"],
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
    commands: {
      "save-page": {
        suggested_key: { default: "Alt+Shift+K" },
        description: "Bewaar deze pagina in Knooppunt / Save this page to Knooppunt",
      },
      "open-library": {
        suggested_key: { default: "Alt+Shift+L" },
        description: "Open de bibliotheek naast de pagina / Open the library beside the page",
      },
    },
    ...(browser === "firefox"
      ? { browser_specific_settings: { gecko: { id: "extensie@knooppunt.nl", strict_min_version: "128.0" } } }
      : {}),
    // Chrome and Edge read a school's policy for the extension (storage.managed) only through a declared schema;
    // Firefox reads the same keys from policies.json ("3rdparty" → "Extensions") and has no such manifest key.
    ...(browser === "firefox" ? {} : { storage: { managed_schema: "managed-schema.json" } }),
  }),
});
