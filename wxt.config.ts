import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// The extension lives in extension/ (entrypoints, components, lib); shared/ holds what it agrees on with the server.
export default defineConfig({
  srcDir: "extension",
  publicDir: "extension/public",
  outDir: ".output",
  vite: () => ({ plugins: [preact()] }),
  // Firefox's review needs the extension's sources, not the server's or the tests'.
  zip: { excludeSources: ["server/**", "tests/**", "data/**", "drizzle.config.ts", "vitest.config.ts"] },
  manifest: ({ browser }) => ({
    name: "Knooppunt",
    description: "Bewaar en deel wat je leert in je netwerk / Clip and share what you learn with your network",
    // activeTab + scripting: a page is read only when the person clips it. tabs: the toolbar mark needs the
    // URL of the tab in view. The host permissions cover the default local server address only; a school's
    // own server is reached through its CORS headers.
    permissions: ["storage", "activeTab", "scripting", "contextMenus", "notifications", "alarms", "tabs"],
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
    commands: {
      "save-page": {
        suggested_key: { default: "Alt+Shift+K" },
        description: "Bewaar deze pagina in Knooppunt / Save this page to Knooppunt",
      },
    },
    ...(browser === "firefox"
      ? { browser_specific_settings: { gecko: { id: "extensie@knooppunt.nl", strict_min_version: "128.0" } } }
      : {}),
  }),
});
