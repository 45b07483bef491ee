/**
 * The web app's service worker, built to /app/sw.js (scope /app, which the server allows with
 * Service-Worker-Allowed, so the library at /app itself opens offline too, not only what is under /app/). It keeps the app's page and the
 * hashed assets of this build so that /app/clip opens without a connection, and takes a phone's share
 * (POST /app/share) itself when the server cannot be reached. API answers are never kept: they are the
 * person's data, and a stale one would be wrong; saving offline is the page's own queue (waiting-clips.ts).
 *
 * Each build has its own cache (the version is made from the hashed file names at build time); a new
 * build installs beside the old one, takes over at once, and deletes the old caches.
 */
declare const __APP_VERSION__: string;
/** The build's files under /app/ (assets/…, icons, manifest), from the build itself. */
declare const __APP_FILES__: string[];

// Typed here rather than with the WebWorker library, which cannot share one program with the DOM's.
interface LifecycleEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchRequestEvent extends LifecycleEvent {
  request: Request;
  respondWith(answer: Response | Promise<Response>): void;
}
interface Worker {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: LifecycleEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchRequestEvent) => void): void;
}
const worker = self as unknown as Worker;

const CACHE_PREFIX = "knooppunt-app-";
const CACHE = `${CACHE_PREFIX}${__APP_VERSION__}`;
/** The one page; /app/clip and /app/help are the same page, which reads its address. */
const PAGE = "/app/";
const APP_PAGES = new Set(["/app", "/app/", "/app/clip", "/app/help", "/app/questions"]);

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([PAGE, ...__APP_FILES__.map((file) => `/app/${file}`)]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

/** The page from the network (a new build must reach people), else the kept copy. */
async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await caches.match(PAGE, { cacheName: CACHE });
    if (kept) return kept;
    throw error;
  }
}

/** Hashed files never change under their name: the kept copy is the file. */
async function keptFile(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: CACHE })) ?? fetch(request);
}

/** Offline, the share goes straight to the clip form with what was shared, as the server would send it. */
async function share(request: Request): Promise<Response> {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch {
    const query = new URLSearchParams();
    const form = await copy.formData().catch(() => null);
    for (const key of ["url", "title", "text"]) {
      const value = form?.get(key);
      if (typeof value === "string" && value.trim()) query.set(key, value.trim());
    }
    const rest = query.toString();
    return Response.redirect(new URL(rest ? `/app/clip?${rest}` : "/app/clip", worker.location.origin).href, 303);
  }
}

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.method === "POST" && url.pathname === "/app/share") return event.respondWith(share(request));
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && APP_PAGES.has(url.pathname)) return event.respondWith(page(request));
  if (url.pathname.startsWith("/app/") && url.pathname !== "/app/sw.js") return event.respondWith(keptFile(request));
});
