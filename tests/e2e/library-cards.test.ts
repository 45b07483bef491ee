import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { openSidePanel, signInExtension } from "../support/extension-session";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let dir: string;
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: ExtensionBrowser;
let images: Server;
let imageBase: string;

/** A 1×1 PNG: the picture a site gives its article. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/kyQnWQAAAABJRU5ErkJggg==", "base64");

const titles = { picture: "Thuistaal in de klas", broken: "Een beeld dat niet laadt", none: "Gespreksprotocol zonder beeld" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-cards-"));
  server = await startTestServer({ dir, now: () => new Date() });
  net = await buildNetwork(server);
  images = createServer((req, res) => {
    if (req.url === "/beeld.png") res.writeHead(200, { "Content-Type": "image/png" }).end(PNG);
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => images.listen(0, "127.0.0.1", done));
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;

  const clip = async (body: Record<string, unknown>) => {
    const res = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { visibility: "private", ...body } });
    if (res.status >= 300) throw new Error(`clip failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await clip({
    url: "https://kennis.example.nl/thuistaal",
    title: titles.picture,
    meta: { imageUrl: `${imageBase}/beeld.png`, excerpt: "Kinderen leren beter als hun thuistaal er mag zijn.\nDe tweede regel staat niet op de kaart." },
  });
  await clip({ url: "https://kennis.example.nl/kapot", title: titles.broken, meta: { imageUrl: `${imageBase}/weg.png`, excerpt: "Het beeld is verdwenen." } });
  await clip({ url: "https://kennis.example.nl/protocol", title: titles.none, kind: "protocol" });

  browser = await launchWithExtension();
  await signInExtension(browser, server, net.people.anna);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => images?.close(done));
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const card = (panel: Page, title: string) =>
  panel.getByTestId("results").getByTestId("item-card").filter({ has: panel.getByRole("heading", { name: title }) });

/** The thumbnail box's size in CSS pixels, and what it holds. */
const box = (panel: Page, title: string) =>
  card(panel, title)
    .getByTestId("thumbnail")
    .evaluate((el) => {
      const { width, height } = el.getBoundingClientRect();
      const img = el.querySelector("img");
      return {
        width,
        height,
        background: getComputedStyle(el).backgroundColor,
        children: el.children.length,
        img: img && { src: img.getAttribute("src"), loading: img.getAttribute("loading"), alt: img.getAttribute("alt"), shown: img.getBoundingClientRect().width > 0, loaded: img.complete && img.naturalWidth > 0 },
      };
    });

describe("a card in the library", () => {
  it("shows the item's image small in a fixed box, a plain box without one or when it fails, and the excerpt's first line", async () => {
    const panel = await openSidePanel(browser);
    await card(panel, titles.none).waitFor();
    const size = await panel.evaluate(() => 3.5 * parseFloat(getComputedStyle(document.documentElement).fontSize));

    const picture = await box(panel, titles.picture);
    expect(picture.img).toMatchObject({ src: `${imageBase}/beeld.png`, loading: "lazy", alt: "" });
    expect(picture).toMatchObject({ width: size, height: size, children: 1 });
    await expect.poll(async () => (await box(panel, titles.picture)).img?.loaded).toBe(true);
    expect((await box(panel, titles.picture)).img?.shown).toBe(true);

    // An image that does not load leaves the same box, plain: no broken-image icon, no alt text.
    await expect.poll(async () => (await box(panel, titles.broken)).img?.shown).toBe(false);
    const broken = await box(panel, titles.broken);
    expect(broken).toMatchObject({ width: size, height: size });
    expect(broken.img).toMatchObject({ src: `${imageBase}/weg.png`, alt: "" });

    const none = await box(panel, titles.none);
    expect(none).toMatchObject({ width: size, height: size, children: 0, img: null });
    expect(none.background).toBe(broken.background);
    expect(none.background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);

    expect(await card(panel, titles.picture).getByTestId("excerpt").textContent()).toBe("Kinderen leren beter als hun thuistaal er mag zijn.");
    expect(await card(panel, titles.broken).getByTestId("excerpt").textContent()).toBe("Het beeld is verdwenen.");
    expect(await card(panel, titles.none).getByTestId("excerpt").count()).toBe(0);
    await panel.close();
  });
});
