/**
 * The web app as an installed app: its manifest (share target, icons that exist at their stated sizes),
 * its service worker (the clip form opens without a connection), and clips saved offline, which wait on
 * the device and reach the server exactly once, with the Idempotency-Key made when they were queued.
 * Real server and Chromium; the connection is cut with the browser's own offline mode.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { launchChromium } from "../support/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";

const BROWSER_TIMEOUT = 120_000;

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Width and height from a PNG's IHDR chunk, after the 8-byte signature. */
function pngSize(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function savesOf(who: "anna" | "bram") {
  const answer = await server.api("GET", "/api/v1/items?savedBy=me&limit=50", { token: net.people[who].token });
  return answer.body.items as { id: string; url: string; title: string }[];
}

/** The clips waiting in the page's IndexedDB, as the app keeps them. */
const waitingIds = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("knooppunt-clips");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("waiting").objectStore("waiting").getAllKeys();
          all.onsuccess = () => resolve(all.result.map(String));
        };
      }),
  );

async function withSignedIn(who: "anna" | "bram", work: (context: BrowserContext, page: Page) => Promise<void>) {
  const context = await browser.newContext({ locale: "nl-NL", serviceWorkers: "allow" });
  try {
    await signInBrowserContext(context, server, openTestWebSession(server, net.people[who].id));
    await work(context, await context.newPage());
  } finally {
    await context.close();
  }
}

/** Opens the app and waits until its service worker controls the page (a reload after the first install). */
async function openWithServiceWorker(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toBe(`${server.url}/app/sw.js`);
}

describe("the installable web app", () => {
  it("has a manifest with the share target and icons whose files exist at the stated sizes", async () => {
    const page = await fetch(`${server.url}/app/clip`);
    expect(await page.text()).toContain('<link rel="manifest" href="/app/manifest.webmanifest" />');
    const answer = await fetch(`${server.url}/app/manifest.webmanifest`);
    expect(answer.headers.get("content-type")).toBe("application/manifest+json");
    const manifest = JSON.parse(await answer.text());
    expect(manifest).toMatchObject({
      name: "Knooppunt",
      short_name: "Knooppunt",
      lang: "nl",
      start_url: "/app/",
      scope: "/app/",
      display: "standalone",
      theme_color: "#1f7a4d",
      background_color: "#f4f7f5",
    });
    expect(manifest.share_target).toEqual({ action: "/app/share", method: "POST", enctype: "multipart/form-data", params: { title: "title", text: "text", url: "url" } });
    const pngs = (manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]).filter((icon) => icon.type === "image/png");
    expect(pngs.map((icon) => [icon.src, icon.sizes, icon.purpose])).toEqual([
      ["/app/icon-192.png", "192x192", "any"],
      ["/app/icon-512.png", "512x512", "any"],
      ["/app/icon-maskable-512.png", "512x512", "maskable"],
    ]);
    for (const icon of pngs) {
      const file = await fetch(`${server.url}${icon.src}`);
      expect(file.headers.get("content-type"), icon.src).toBe("image/png");
      expect(pngSize(Buffer.from(await file.arrayBuffer())), icon.src).toBe(icon.sizes);
    }
    const worker = await fetch(`${server.url}/app/sw.js`);
    expect([worker.status, worker.headers.get("content-type"), worker.headers.get("cache-control")]).toEqual([200, "text/javascript; charset=utf-8", "no-cache"]);
  });

  it("keeps this build's page and files in one versioned cache, deletes an earlier build's on activation, and never keeps API answers", { timeout: BROWSER_TIMEOUT }, async () => {
    await withSignedIn("anna", async (_context, page) => {
      // A cache an earlier build left behind, and one that is not the app's.
      await page.goto(`${server.url}/login`);
      await page.evaluate(async () => {
        await (await caches.open("knooppunt-app-0123456789abcdef")).put("/app/", new Response("oud"));
        await caches.open("iets-anders");
      });
      await openWithServiceWorker(page, "/app/clip?url=https%3A%2F%2Fwww.example.nl%2Fcache&title=Cache");
      await expect.poll(() => page.locator("#title").inputValue()).toBe("Cache");
      const kept = await page.evaluate(async () => {
        const names = await caches.keys();
        const app = names.find((name) => name.startsWith("knooppunt-app-"))!;
        const paths = (await (await caches.open(app)).keys()).map((request) => new URL(request.url).pathname);
        return { names: names.sort(), paths: paths.sort() };
      });
      expect(kept.names).toHaveLength(2);
      expect(kept.names[0]).toBe("iets-anders");
      expect(kept.names[1]).toMatch(/^knooppunt-app-[0-9a-f]{16}$/);
      expect(kept.names[1]).not.toBe("knooppunt-app-0123456789abcdef");
      expect(kept.paths).toContain("/app/");
      expect(kept.paths).toContain("/app/manifest.webmanifest");
      // Every script and style of this build, the chunks loaded on first use too, so those screens open offline.
      const built = readdirSync(resolve(".output/web/assets")).filter((name) => /\.(js|css)$/.test(name)).map((name) => `/app/assets/${name}`);
      expect(kept.paths.filter((path) => path.startsWith("/app/assets/") && /\.(js|css)$/.test(path))).toEqual(built.sort());
      expect(kept.paths.filter((path) => !path.startsWith("/app/"))).toEqual([]);
    });
  });

  it("opens the clip form offline, keeps a clip saved offline, and delivers it once when back online with its queued Idempotency-Key", { timeout: BROWSER_TIMEOUT }, async () => {
    const link = "https://www.example.nl/offline-bewaard";
    await withSignedIn("bram", async (context, page) => {
      const posts: { key: string | undefined; status: number | null }[] = [];
      context.on("requestfinished", async (request) => {
        if (request.method() === "POST" && new URL(request.url()).pathname === "/api/v1/items") {
          posts.push({ key: (await request.allHeaders())["idempotency-key"], status: (await request.response())?.status() ?? null });
        }
      });
      await openWithServiceWorker(page, "/app/help");

      await context.setOffline(true);
      // The library at /app itself (outside /app/) opens too, and says the person is offline.
      await page.goto(`${server.url}/app`);
      expect(await page.getByRole("status").filter({ hasText: "Je bent offline." }).innerText()).toBe(
        "Je bent offline. Wat je bewaart, wacht op deze telefoon of computer en wordt verstuurd zodra je weer verbinding hebt.",
      );
      // The service worker answers with the kept page; the app starts from the session it remembered.
      await page.goto(`${server.url}/app/clip?url=${encodeURIComponent(link)}&title=${encodeURIComponent("Offline bewaard")}`);
      expect(await page.getByText("Je bent offline.", { exact: false }).first().innerText()).toBe(
        "Je bent offline. Wat je bewaart, wacht op deze telefoon of computer en wordt verstuurd zodra je weer verbinding hebt.",
      );
      await expect.poll(() => page.locator("#title").inputValue()).toBe("Offline bewaard");
      await page.getByRole("button", { name: "Bewaren" }).click();
      await expect.poll(() => page.getByTestId("outcome").getAttribute("data-status")).toBe("queued");
      expect(await page.getByTestId("outcome").innerText()).toBe("Geen verbinding: de clip wacht en wordt later verstuurd.");
      const [queuedKey] = await waitingIds(page);
      expect(queuedKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await savesOf("bram")).toEqual([]);

      await context.setOffline(false);
      await expect.poll(() => page.getByTestId("delivered").isVisible().catch(() => false)).toBe(true);
      expect(await page.getByTestId("delivered").innerText()).toBe("Verbonden: 1 bewaarde link(s) die wachtten zijn verstuurd.");
      expect(await waitingIds(page)).toEqual([]);
      expect((await savesOf("bram")).map((item) => [item.url, item.title])).toEqual([[link, "Offline bewaard"]]);
      expect(posts.filter((post) => post.status !== null)).toEqual([{ key: queuedKey, status: 201 }]);

      // Another start of the app (and the clipper's own delivery) sends nothing again.
      await page.reload();
      await expect.poll(() => page.locator("#title").inputValue()).toBe("Offline bewaard");
      expect(posts.filter((post) => post.status !== null)).toHaveLength(1);
      expect(await savesOf("bram")).toHaveLength(1);
    });
  });

  it("takes a phone's share itself when offline: the clip form opens with the shared fields", { timeout: BROWSER_TIMEOUT }, async () => {
    await withSignedIn("anna", async (context, page) => {
      await openWithServiceWorker(page, "/app/help");
      await context.setOffline(true);
      await Promise.all([
        page.waitForURL(/\/app\/clip\?/),
        page.evaluate(() => {
          const form = Object.assign(document.createElement("form"), { method: "post", action: "/app/share", enctype: "multipart/form-data" });
          for (const [name, value] of [
            ["title", "Taalbeleid op school"],
            ["text", "Zie https://www.example.nl/taalbeleid."],
          ]) form.append(Object.assign(document.createElement("input"), { type: "hidden", name, value }));
          document.body.append(form);
          form.submit();
        }),
      ]);
      expect([...new URL(page.url()).searchParams]).toEqual([
        ["title", "Taalbeleid op school"],
        ["text", "Zie https://www.example.nl/taalbeleid."],
      ]);
      await expect.poll(() => page.locator("#title").inputValue()).toBe("Taalbeleid op school");
      expect(await page.locator("#quote").inputValue()).toBe("Zie");
      expect(await page.locator(".popup-header .hint").innerText()).toBe("example.nl");
    });
  });

  it("moves a waiting clip the server refuses to failed, with the server's message, until the person dismisses it", { timeout: BROWSER_TIMEOUT }, async () => {
    await withSignedIn("anna", async (context, page) => {
      await openWithServiceWorker(page, "/app/help");
      await context.setOffline(true);
      await page.goto(`${server.url}/app/clip?url=${encodeURIComponent("https://www.example.nl/voor-de-kring")}&title=Kringclip`);
      await expect.poll(() => page.locator("#title").inputValue()).toBe("Kringclip");
      await page.getByRole("button", { name: "Bewaren" }).click();
      await expect.poll(() => page.getByTestId("outcome").getAttribute("data-status")).toBe("queued");
      // What the server will refuse: the waiting request as kept, with a theme that does not exist.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open("knooppunt-clips");
            open.onsuccess = () => {
              const store = open.result.transaction("waiting", "readwrite").objectStore("waiting");
              const all = store.getAll();
              all.onsuccess = () => {
                const [clip] = all.result;
                store.put({ ...clip, request: { ...clip.request, themes: ["bestaat-niet"] } });
                store.transaction.oncomplete = () => resolve();
              };
            };
            open.onerror = () => reject(open.error);
          }),
      );
      await context.setOffline(false);
      await expect.poll(async () => (await waitingIds(page)).length).toBe(0);
      await page.reload();
      const failed = page.getByRole("alert");
      await expect.poll(() => failed.count()).toBe(1);
      expect(await failed.innerText()).toMatch(/^Niet bewaard: Kringclip — .+ Verbergen$/);
      expect(await savesOf("anna")).toEqual([]);
      await failed.getByRole("button", { name: "Verbergen" }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBe(0);
      await page.reload();
      await expect.poll(() => page.locator("#title").inputValue()).toBe("Kringclip");
      expect(await page.getByRole("alert").count()).toBe(0);
    });
  });
});
