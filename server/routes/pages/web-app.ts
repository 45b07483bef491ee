/**
 * The web app at /app: the built single-page app (extension/web, built into .output/web by `npm start`), its
 * assets, and the phone's share target. The app's own addresses (/app, /app/clip, /app/help) all answer with
 * its one page, which reads the address itself; anything else under /app is a 404.
 *
 * Served here rather than by a static-file middleware because the app needs exactly three kinds of answer —
 * the page (never cached: a new build must reach people), hashed assets (cached for ever), and the few
 * fixed files at the root (manifest, service worker, icons) — each with the app's CSP.
 */
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { Hono, type Context } from "hono";
import { getMimeType } from "hono/utils/mime";
import { z } from "zod";
import { pickLanguage } from "../../../shared/i18n";
import { notFound } from "../../core/errors";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { limitBody } from "../../http/requests";

export const WEB_APP_DIR = fileURLToPath(new URL("../../../.output/web/", import.meta.url));

/**
 * Scripts and styles from this origin only (no inline code, no eval); images from anywhere, as cards show
 * pages' pictures; the API on this origin; the service worker and manifest from here.
 */
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: http: data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The app's own addresses: each is the one page, which picks its screen from the address. */
const APP_PAGES = new Set(["/app", "/app/", "/app/clip", "/app/help", "/app/import", "/app/questions"]);
const ROOT_FILE = /^\/app\/([a-z0-9][a-z0-9._-]*\.(?:png|svg|webmanifest|js|json|ico))$/i;
const ASSET = /^\/app\/assets\/([A-Za-z0-9._-]+\.(?:js|css|png|svg|woff2))$/;

async function builtFile(name: string): Promise<Buffer | null> {
  try {
    return await readFile(WEB_APP_DIR + name);
  } catch {
    return null;
  }
}

/**
 * Hashed assets never change under their name, so each is compressed once and kept: the first screen's
 * script goes over the wire gzipped (about a third of its size) without a compression pass per request.
 */
const gzipped = new Map<string, Buffer>();
const COMPRESSIBLE = /\.(?:js|css|svg|webmanifest|json)$/;

function compressedAsset(name: string, body: Buffer): Buffer {
  let packed = gzipped.get(name);
  if (!packed) {
    packed = gzipSync(body);
    if (gzipped.size > 500) gzipped.clear();
    gzipped.set(name, packed);
  }
  return packed;
}

const acceptsGzip = (c: Context<AppEnv>) => /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");

function notBuilt(c: Context<AppEnv>) {
  c.header("Cache-Control", "no-store");
  return c.html(
    "<!doctype html><meta charset=utf-8><title>Knooppunt</title><p>De webapp is nog niet gebouwd: start Knooppunt met <code>npm start</code>.</p><p lang=en>The web app has not been built: start Knooppunt with <code>npm start</code>.</p>",
    503,
  );
}

/** A shared link's fields as phones send them; anything longer than a URL or note could be is cut. */
const ShareForm = z.object({
  url: z.string().max(8_000).optional().catch(undefined),
  title: z.string().max(1_000).optional().catch(undefined),
  text: z.string().max(8_000).optional().catch(undefined),
});

export const webAppRoutes = new Hono<AppEnv>()
  .get(
    "/app/*",
    doc({
      tag: "pages",
      summary: "The web app (/app, /app/clip with `url`, `title`, `text` to save a link, /app/help, /app/import to bring in a file of links, /app/questions) and its assets, manifest, service worker and icons",
      auth: "optional",
      responses: { 200: { description: "The app's page or file" }, 404: { description: "No such file of the app" }, 503: { description: "The web app has not been built on this server" } },
    }),
    async (c) => {
      const path = c.req.path;
      c.header("Content-Security-Policy", WEB_APP_CSP);
      if (APP_PAGES.has(path)) {
        const page = await builtFile("index.html");
        if (!page) return notBuilt(c);
        c.header("Cache-Control", "no-cache");
        c.header("Vary", "Accept-Language");
        // The page is the same for everyone; its language follows the browser until the person chooses.
        const lang = pickLanguage(undefined, c.req.header("Accept-Language"));
        return c.html(page.toString("utf8").replace('<html lang="nl">', `<html lang="${lang}">`));
      }
      const asset = ASSET.exec(path)?.[1];
      const rootFile = ROOT_FILE.exec(path)?.[1];
      const name = asset ? `assets/${asset}` : rootFile;
      const body = name ? await builtFile(name) : null;
      if (!name || !body) throw notFound("page");
      c.header("Content-Type", name.endsWith(".webmanifest") ? "application/manifest+json" : (getMimeType(name) ?? "application/octet-stream"));
      // Hashed names change with their content; the root files (service worker, manifest) must be looked at again.
      c.header("Cache-Control", asset ? "public, max-age=31536000, immutable" : "no-cache");
      // The worker lives at /app/sw.js but must also answer for /app itself (the library's address).
      if (name === "sw.js") c.header("Service-Worker-Allowed", "/app");
      if (asset && COMPRESSIBLE.test(name)) {
        c.header("Vary", "Accept-Encoding");
        if (acceptsGzip(c)) {
          c.header("Content-Encoding", "gzip");
          return c.body(new Uint8Array(compressedAsset(name, body)));
        }
      }
      return c.body(new Uint8Array(body));
    },
  )
  .post(
    "/app/share",
    doc({
      tag: "pages",
      summary: "The web app's share target: a phone's \"Share → Knooppunt\" posts `title`, `text` and `url` (a form); answered with a 303 to the clip form with them filled in. Nothing is saved until the person saves",
      auth: "optional",
      responses: { 303: { description: "To /app/clip with the shared fields" } },
    }),
    limitBody(64 * 1024),
    async (c) => {
      const type = c.req.header("Content-Type") ?? "";
      const raw = /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type) ? await c.req.parseBody().catch(() => ({})) : {};
      const form = ShareForm.parse(raw);
      const query = new URLSearchParams();
      for (const key of ["url", "title", "text"] as const) if (form[key]?.trim()) query.set(key, form[key]!.trim());
      const rest = query.toString();
      return c.redirect(rest ? `/app/clip?${rest}` : "/app/clip", 303);
    },
  );
