import preact from "@preact/preset-vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The web app: the side panel's features as a page of the server's own at /app, for browsers without the
 * extension (managed laptops, iPads, phones). `npm start` builds it into .output/web, which the server serves.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  publicDir: "public",
  plugins: [preact()],
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../../.output/web", import.meta.url)),
    emptyOutDir: true,
    // The pages' CSP allows scripts from our own origin only: no inline module preload helper.
    modulePreload: { polyfill: false },
    target: "es2022",
  },
});
