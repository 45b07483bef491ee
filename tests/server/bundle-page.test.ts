import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type ApiClient, type Person, type TestServer } from "../support/server";

type Routes = ApiClient["api"]["v1"];
type BundleRequest = Parameters<Routes["bundles"]["$post"]>[0]["json"];
type Bundle = Awaited<ReturnType<typeof publish>>;

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let frank: Person;
/** A public bundle with hostile markup in its texts, a video and an article. */
let open: Bundle;
let videoId: string;
let articleId: string;
/** A network bundle offered to school A. */
let closed: Bundle;
let offerId: string;
let keyUrl: string;

const HOSTILE_TITLE = `Meertaligheid <script>alert("titel")</script> in de klas`;
const HOSTILE_NOTE = `Kijk vooral <img src=x onerror=alert(1)> vanaf minuut 3`;

const v1 = (token?: string) => server.client(token).api.v1;
const inbox = (schoolId: string, token: string) => reply(v1(token).schools[":id"].offers.$get({ param: { id: schoolId }, query: {} }));

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** The content attribute of a <meta property|name=…> tag, as a browser would read it. */
function meta(html: string, key: string): string | null {
  const tag = html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`));
  return tag ? tag[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'").replace(/&amp;/g, "&") : null;
}

async function publish(json: BundleRequest, entries: { itemId: string; note: string }[], token = net.people.dewi.token) {
  const bundles = v1(token).bundles;
  const draft = (await reply(bundles.$post({ json }))).body.bundle;
  await bundles[":id"].items.$put({ param: { id: draft.id }, json: { version: draft.version, items: entries } });
  const res = await reply(bundles[":id"].publish.$post({ param: { id: draft.id }, json: {} }));
  expect(res.status).toBe(200);
  return res.body.bundle;
}

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const email = "frank@test.knooppunt.nl";
  const created = await reply(v1(server.adminToken).admin.users.$post({ json: { name: "Frank de Vries", email, password: "wachtwoord-frank-2026", roles: ["broker"] } }));
  frank = { id: created.body.user.id, email, password: "wachtwoord-frank-2026", token: "" };

  const anna = v1(net.people.anna.token).items;
  videoId = (
    await reply(
      anna.$post({
        json: {
          url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
          title: "Kennisclip: taaldenkgesprekken",
          kind: "kennisclip",
          visibility: "public",
          themes: ["taaldenkgesprekken"],
          meta: { siteName: "YouTube", video: { provider: "youtube", id: "dQw4w9WgXcQ", durationSeconds: 245, embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" } },
        },
      }),
    )
  ).body.item.id;
  articleId = (
    await reply(
      anna.$post({
        json: {
          url: "https://www.nji.nl/meertaligheid/thuistaal-in-de-klas",
          title: "Thuistaal in de klas",
          kind: "artikel",
          visibility: "public",
          note: "ANNA-PRIVENOTITIE",
          meta: { siteName: "NJi", author: "J. Jansen", imageUrl: "https://www.nji.nl/beeld/thuistaal.jpg" },
        },
      }),
    )
  ).body.item.id;

  const dewi = v1(net.people.dewi.token).bundles;
  const draft = (
    await reply(
      dewi.$post({
        json: {
          title: HOSTILE_TITLE,
          about: `Over thuistalen & meertaligheid.\n\nTweede alinea <b>vet</b>`,
          use: "Gebruik het in de bouwvergadering.",
          themes: ["meertaligheid"],
          sector: ["po"],
          audience: "public",
        },
      }),
    )
  ).body.bundle;
  const param = { id: draft.id };
  await dewi[":id"].curators.$post({ param, json: { userId: frank.id } });
  await dewi[":id"].items.$put({
    param,
    json: {
      version: draft.version,
      items: [
        { itemId: articleId, note: "Begin hiermee" },
        { itemId: videoId, note: HOSTILE_NOTE },
      ],
    },
  });
  open = (await reply(dewi[":id"].publish.$post({ param, json: {} }))).body.bundle;

  const networkItem = (await reply(anna.$post({ json: { url: "https://www.lowan.nl/zachte-landing", title: "Zachte landing", visibility: "network" } }))).body.item.id;
  closed = await publish({ title: "Alleen voor het netwerk", about: "Nieuwkomers", themes: ["nieuwkomers"], audience: "network" }, [{ itemId: networkItem, note: "Netwerknotitie" }]);
  offerId = (await reply(dewi[":id"].offers.$post({ param: { id: closed.id }, json: { schoolIds: [net.schoolA.id] } }))).body.offers[0]!.id;
  keyUrl = (await inbox(net.schoolA.id, net.people.anna.token)).body.offers.find((o) => o.id === offerId)!.bundle.url;
});
afterAll(() => server.stop());

describe("the bundle page /b/:slug", () => {
  it("speaks Dutch by default and English by Accept-Language or ?lang=", async () => {
    const nl = await page(`/b/${open.slug}`);
    expect(nl.status).toBe(200);
    expect(nl.headers.get("content-type")).toMatch(/^text\/html/);
    expect(nl.html).toMatch(/^<!doctype html><html lang="nl">/);
    for (const text of ["Waar gaat dit over?", "Wat kan ik ermee?", "Toelichting van de makelaar", "Meertaligheid", "Kennisclip", "Primair onderwijs"]) expect(nl.html).toContain(text);

    const en = await page(`/b/${open.slug}`, { "Accept-Language": "de-DE, en-GB;q=0.8, nl;q=0.5" });
    expect(en.html).toContain('<html lang="en">');
    for (const text of ["What is it about?", "What can I do with it?", "Note from the broker", "Multilingualism", "Explainer video", "Primary education"]) expect(en.html).toContain(text);
    expect(en.html).not.toContain("Waar gaat dit over?");
    expect(en.headers.get("vary")).toContain("Accept-Language");

    const forced = await page(`/b/${open.slug}?lang=nl`, { "Accept-Language": "en" });
    expect(forced.html).toContain("Waar gaat dit over?");
    expect((await page(`/b/${open.slug}?lang=en`)).html).toContain("What is it about?");
    // An unknown ?lang= falls back instead of failing.
    expect((await page(`/b/${open.slug}?lang=fr`)).status).toBe(200);
  });

  it("shows about and use, the items in order with the broker's notes and links, a video thumbnail, the curators and themes", async () => {
    const { html } = await page(`/b/${open.slug}`);
    expect(html).toContain("Over thuistalen &amp; meertaligheid.");
    expect(html).toContain("Gebruik het in de bouwvergadering.");
    const article = html.indexOf("Thuistaal in de klas");
    const video = html.indexOf("Kennisclip: taaldenkgesprekken");
    expect(article).toBeGreaterThan(-1);
    expect(video).toBeGreaterThan(article);
    expect(html).toContain("Begin hiermee");
    expect(html).toContain('href="https://www.nji.nl/meertaligheid/thuistaal-in-de-klas"');
    expect(html).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    expect(html).toContain('src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"');
    expect(html).toContain("4:05");
    // Readers without an account see curators by first name (and school, which these two have none of).
    expect(html).toContain("Samengesteld door Test en Frank");
    expect(html).not.toContain("Frank de Vries");
    expect(html).toContain("Taaldenkgesprekken");
    expect(html).toContain("door J. Jansen");
    // Only the broker's notes: never the notes people wrote on their own saves.
    expect(html).not.toContain("ANNA-PRIVENOTITIE");
  });

  it("shows each image decoratively in a fixed box with a plain background, so one that does not load leaves only the box", async () => {
    const { html } = await page(`/b/${open.slug}`);
    const { window } = new JSDOM(html);
    const entry = (title: string) => [...window.document.querySelectorAll("article.entry")].find((e) => e.querySelector("h3")!.textContent!.includes(title))!;

    const article = entry("Thuistaal in de klas").querySelector(":scope > .thumb")!;
    expect(article.outerHTML).toBe('<span class="thumb"><img src="https://www.nji.nl/beeld/thuistaal.jpg" alt="" loading="lazy"></span>');
    const video = entry("Kennisclip: taaldenkgesprekken").querySelector("figure.video > .thumb")!;
    expect(video.outerHTML).toBe('<span class="thumb"><img src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" alt="" loading="lazy"></span>');
    // No image text that could spill over the page when an image fails: every one is in a box, with an empty alt.
    const images = [...window.document.querySelectorAll("main img")];
    expect(images).toHaveLength(2);
    for (const img of images) expect([img.getAttribute("alt"), img.parentElement!.className]).toEqual(["", "thumb"]);

    // The box keeps its size and shows a plain background whether or not the image arrives.
    const style = window.getComputedStyle(article);
    expect([style.display, style.width, style.height, style.overflow]).toEqual(["block", "8rem", "5rem", "hidden"]);
    expect(style.backgroundColor).toMatch(/^(#e8ece9|rgb\(232, 236, 233\))$/);
  });

  it("carries a print stylesheet and keeps screen-only controls out of print", async () => {
    const { html } = await page(`/b/${open.slug}`);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";
    expect(style).toMatch(/@media print\s*{[\s\S]*\.no-print\s*{\s*display:\s*none/);
    expect(html).toMatch(/<nav class="no-print"><a href="\?lang=en"/);
    expect(html).toContain(`Deze bundel online: ${open.publicUrl}`);
  });

  it("has OpenGraph tags for link previews in Teams and mail", async () => {
    const { html } = await page(`/b/${open.slug}`);
    expect(meta(html, "og:title")).toBe(HOSTILE_TITLE);
    expect(meta(html, "og:description")).toBe("Over thuistalen & meertaligheid. Tweede alinea <b>vet</b>");
    expect(meta(html, "og:url")).toBe(open.publicUrl);
    expect(meta(html, "og:image")).toBe("https://www.nji.nl/beeld/thuistaal.jpg");
    expect(meta(html, "og:site_name")).toBe("Knooppunt");
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
  });

  it("escapes hostile markup in titles and notes and runs no script", async () => {
    const { html, headers } = await page(`/b/${open.slug}`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>vet</b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;titel&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("of a network bundle is 404 without a key or token, and opens with the offer's key or a bearer token", async () => {
    const anonymous = await page(`/b/${closed.slug}`);
    expect(anonymous.status).toBe(404);
    expect(anonymous.html).not.toContain("Alleen voor het netwerk");
    expect(anonymous.html).toContain("Bundel niet gevonden");
    expect((await page(`/b/${closed.slug}?key=verzonnen-sleutel`)).status).toBe(404);
    // The key of one bundle's offer does not open another network bundle.
    const otherItem = (await reply(v1(net.people.anna.token).items.$post({ json: { url: "https://www.lowan.nl/andere", visibility: "network" } }))).body.item.id;
    const other = await publish({ title: "Een andere netwerkbundel", audience: "network" }, [{ itemId: otherItem, note: "" }]);
    expect((await page(`/b/${other.slug}${new URL(keyUrl).search}`)).status).toBe(404);

    const withKey = await page(new URL(keyUrl).pathname + new URL(keyUrl).search);
    expect(withKey.status).toBe(200);
    expect(withKey.html).toContain("Alleen voor het netwerk");
    expect(withKey.headers.get("cache-control")).toBe("private, no-store");
    // og:url never carries the key, but the language link does, so it keeps working.
    expect(meta(withKey.html, "og:url")).toBe(closed.publicUrl);
    expect(withKey.html).toContain(`href="?lang=en&amp;key=${new URL(keyUrl).searchParams.get("key")}"`);

    const signedIn = await page(`/b/${closed.slug}`, { Authorization: `Bearer ${net.people.eva.token}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.html).toContain("Netwerknotitie");
  });

  it("opened with the key marks the school's offer opened, once", async () => {
    const [made] = (await reply(v1(net.people.dewi.token).bundles[":id"].offers.$post({ param: { id: closed.id }, json: { schoolIds: [net.schoolB.id] } }))).body.offers;
    const status = async () => (await inbox(net.schoolB.id, net.people.chris.token)).body.offers.find((o) => o.id === made!.id);
    expect(await status()).toMatchObject({ status: "offered", openedAt: null });
    const url = new URL((await status())!.bundle.url);
    // A HEAD request (a link checker) reads only headers: nobody opened the page yet.
    const head = await fetch(`${server.url}${url.pathname}${url.search}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await status()).toMatchObject({ status: "offered", openedAt: null });
    server.clock.advance(60_000);
    const first = server.clock.now().toISOString();
    await page(url.pathname + url.search);
    expect(await status()).toMatchObject({ status: "opened", openedAt: first });
    server.clock.advance(60_000);
    await page(url.pathname + url.search);
    expect(await status()).toMatchObject({ status: "opened", openedAt: first });
  });

  it("of a public bundle opens for anyone; an unknown slug is 404", async () => {
    const res = await page(`/b/${open.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect((await page("/b/bestaat-niet-abc123")).status).toBe(404);
  });

  it("still renders an item after its last save was deleted, from the published snapshot", async () => {
    const article = v1(net.people.anna.token).items[":id"];
    expect((await article.$delete({ param: { id: articleId } })).status).toBe(204);
    expect((await article.$get({ param: { id: articleId } })).status).toBe(404);
    const { status, html } = await page(`/b/${open.slug}`);
    expect(status).toBe(200);
    expect(html).toContain("Thuistaal in de klas");
    expect(html).toContain("Begin hiermee");
  });
});
