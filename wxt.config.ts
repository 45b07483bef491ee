import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// The extension lives in extension/ (entrypoints, components, lib); shared/ holds what it agrees on with the server.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: "Knooppunt",
    description: "Bewaar en deel wat je leert / Clip and share what you learn — Knooppunt",
    permissions: ["storage", "activeTab"],
  },
});
