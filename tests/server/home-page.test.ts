/**
 * The home page at / : what someone sees who types the server's address. axe-core is not installed in
 * this repository, so the accessibility checks below are jsdom checks of landmarks, headings, lists,
 * link texts and languages.
 */
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddablePageCsp, PAGE_CSP } from "../../server/pages/page-http";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;

interface ThemeRow {
  slug: string;
  name: { nl: string; en: string };
  parent: string | null;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  const res = await fetch(`${server.url}${path}`, { method, headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function home(path = "/", headers: Record<string, string> = {}) {
  const res = await get(path, headers);
  expect(res.status).toBe(200);
  return { ...res, doc: new JSDOM(res.text).window.document };
}

const mainThemes = async () => ((await server.api("GET", "/api/v1/themes")).body.themes as ThemeRow[]).filter((t) => t.parent === null);

/** The list item of a main theme: its heading link, its feeds and its sub-themes. */
function themeItem(doc: Document, href: string): Element {
  const link = doc.querySelector(`section[aria-labelledby="themes"] h3 a[href="${href}"]`);
  expect(link, href).not.toBeNull();
  return link!.closest("li")!;
}

const texts = (elements: Iterable<Element>) => [...elements].map((e) => e.textContent);

describe("the home page", () => {
  it("answers GET / in Dutch with the pages' headers, one heading and no script", async () => {
    const { headers, doc } = await home();
    expect(headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(headers.get("content-security-policy")).toBe(PAGE_CSP);
    // The same policy as the other pages, not a copy that drifts; a theme page differs only in who may frame it.
    expect((await get("/t/nt2")).headers.get("content-security-policy")).toBe(embeddablePageCsp([]));
    expect(embeddablePageCsp([]).replace(/frame-ancestors [^;]*$/, "frame-ancestors 'none'")).toBe(PAGE_CSP);
    expect(headers.get("vary")).toBe("Accept-Language");
    expect(doc.documentElement.getAttribute("lang")).toBe("nl");
    expect(texts(doc.querySelectorAll("h1"))).toEqual(["Knooppunt: delen wat je leert in het onderwijs"]);
    expect(doc.title).toBe("Knooppunt: delen wat je leert in het onderwijs");
    expect(texts(doc.querySelectorAll("h2"))).toEqual(["Thema's", "De extensie installeren", "Aanmelden"]);
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    const handlers = [...doc.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name));
    expect(handlers).toEqual([]);
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(server.url);
  });

  it("links every main theme to its page and its feeds, with its sub-themes below it", async () => {
    const { doc } = await home();
    const main = await mainThemes();
    expect(main.map((t) => t.slug)).toContain("nt2");
    // Every main theme, in the taxonomy's order, with its name as the link text.
    expect([...doc.querySelectorAll('section[aria-labelledby="themes"] h3 a')].map((a) => [a.textContent, a.getAttribute("href")])).toEqual(
      main.map((t) => [t.name.nl, `${server.url}/t/${t.slug}?lang=nl`]),
    );
    for (const theme of main) {
      const item = themeItem(doc, `${server.url}/t/${theme.slug}?lang=nl`);
      const feeds = item.querySelector(`ul[aria-label="Feeds van ${theme.name.nl}"]`)!;
      expect([...feeds.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("type")])).toEqual([
        [`Atom-feed van ${theme.name.nl}`, `${server.url}/feeds/themes/${theme.slug}.atom`, "application/atom+xml"],
        [`RSS-feed van ${theme.name.nl}`, `${server.url}/feeds/themes/${theme.slug}.rss`, "application/rss+xml"],
        [`JSON-feed van ${theme.name.nl}`, `${server.url}/feeds/themes/${theme.slug}.json`, "application/feed+json"],
      ]);
      // The addresses lead somewhere: the theme's page and its Atom feed answer.
      expect((await get(`/t/${theme.slug}?lang=nl`)).status, theme.slug).toBe(200);
      expect((await get(`/feeds/themes/${theme.slug}.atom`)).status, theme.slug).toBe(200);
    }
    const nt2 = themeItem(doc, `${server.url}/t/nt2?lang=nl`);
    const subThemes = nt2.querySelector(`ul[aria-label="Subthema's van NT2 (Nederlands als tweede taal)"]`)!;
    expect([...subThemes.querySelectorAll(":scope > li > a")].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Nieuwkomers", `${server.url}/t/nieuwkomers?lang=nl`],
      ["Zachte landing", `${server.url}/t/zachte-landing?lang=nl`],
      ["Instroom en intake", `${server.url}/t/instroom-en-intake?lang=nl`],
      ["Warme overdracht", `${server.url}/t/warme-overdracht?lang=nl`],
    ]);
    expect(subThemes.querySelector('a[type="application/atom+xml"]')?.getAttribute("href")).toBe(`${server.url}/feeds/themes/nieuwkomers.atom`);
    expect(subThemes.querySelector('a[type="application/atom+xml"]')?.textContent).toBe("Atom-feed van Nieuwkomers");
  });

  it("tells how to load the extension and how to sign in with this server's address", async () => {
    const { doc } = await home();
    const extension = doc.querySelector('section[aria-labelledby="extension"]')!;
    expect(texts(extension.querySelectorAll("h3"))).toEqual(["Chrome en Edge", "Firefox"]);
    expect(texts(extension.querySelectorAll("ol > li"))).toEqual([
      "Open chrome://extensions (in Edge: edge://extensions).",
      "Zet ‘Ontwikkelaarsmodus’ (Developer mode) aan.",
      "Kies ‘Uitgepakte extensie laden’ (Load unpacked) en kies de map chrome-mv3.",
      "Open about:debugging#/runtime/this-firefox.",
      "Kies ‘Tijdelijke add-on laden…’ (Load Temporary Add-on…) en kies het bestand manifest.json in de map firefox-mv3.",
    ]);
    expect(texts(extension.querySelectorAll("code"))).toEqual(["chrome://extensions", "edge://extensions", "chrome-mv3", "about:debugging#/runtime/this-firefox", "manifest.json", "firefox-mv3"]);
    const signIn = doc.querySelector('section[aria-labelledby="sign-in"]')!;
    expect(texts(signIn.querySelectorAll("ol > li"))).toEqual([
      "Klik op de knop van Knooppunt in de werkbalk en kies ‘Naar de instellingen’.",
      `Vul bij ‘Serveradres’ ${server.url} in en kies ‘Inloggen met je schoolaccount’ (of vul je e-mailadres en wachtwoord in en kies ‘Aanmelden’).`,
    ]);
    expect(signIn.querySelector("code")?.textContent).toBe(server.url);
    expect(texts(signIn.querySelectorAll(":scope > p"))).toEqual([
      "Je meldt je aan met je schoolaccount (Entree, SURFconext, Microsoft of Google, zoals jullie Knooppunt het aanbiedt), of met het account dat een beheerder van je netwerk voor je maakte. Niemand hoeft eerst een account voor je aan te maken.",
      "Zonder extensie meld je je in de browser aan; daar zie je ook waar je bij hoort, waar je bent aangemeld en je gegevens.",
    ]);
    expect([...signIn.querySelectorAll("ul a")].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Aanmelden in de browser", "/login?lang=nl"],
      ["De webapp: je bibliotheek zonder extensie, ook op je telefoon", "/app"],
    ]);
  });

  it("speaks English by Accept-Language and by ?lang=en, and ?lang= wins over the header", async () => {
    const english = async (path: string, headers: Record<string, string> = {}) => {
      const { doc } = await home(path, headers);
      const nt2 = themeItem(doc, `${server.url}/t/nt2?lang=en`);
      return {
        lang: doc.documentElement.getAttribute("lang"),
        h1: doc.querySelector("h1")?.textContent,
        sections: texts(doc.querySelectorAll("h2")),
        nt2: nt2.querySelector("h3 a")?.textContent,
        atom: nt2.querySelector('a[type="application/atom+xml"]')?.textContent,
        switchTo: [doc.querySelector("nav a")?.textContent, doc.querySelector("nav a")?.getAttribute("href"), doc.querySelector("nav a")?.getAttribute("lang")],
        signIn: doc.querySelector('section[aria-labelledby="sign-in"] ol > li:nth-child(2)')?.textContent,
      };
    };
    const expected = {
      lang: "en",
      h1: "Knooppunt: sharing what you learn in education",
      sections: ["Themes", "Installing the extension", "Signing in"],
      nt2: "Dutch as a second language (DSL)",
      atom: "Atom feed for Dutch as a second language (DSL)",
      switchTo: ["Nederlands", "?lang=nl", "nl"],
      signIn: `In ‘Server address’ enter ${server.url} and choose ‘Sign in with your school account’ (or enter your e-mail address and password and choose ‘Sign in’).`,
    };
    expect(await english("/", { "Accept-Language": "en" })).toEqual(expected);
    expect(await english("/", { "Accept-Language": "de-DE, en-GB;q=0.8, nl;q=0.5" })).toEqual(expected);
    expect(await english("/?lang=en")).toEqual(expected);
    expect(await english("/?lang=en", { "Accept-Language": "nl" })).toEqual(expected);

    const dutch = await home("/?lang=nl", { "Accept-Language": "en" });
    expect(dutch.doc.documentElement.getAttribute("lang")).toBe("nl");
    expect(dutch.doc.querySelector("nav a")?.textContent).toBe("English");
    // An unknown language is ignored, not refused: the header decides.
    expect((await home("/?lang=fr", { "Accept-Language": "en" })).doc.documentElement.getAttribute("lang")).toBe("en");
  });

  it("answers HEAD / with the page's headers and no body", async () => {
    const res = await get("/", {}, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(res.headers.get("content-security-policy")).toBe(PAGE_CSP);
    expect(res.text).toBe("");
  });

  it("is built from landmarks, ordered headings, lists and link texts that make sense on their own", async () => {
    for (const lang of ["nl", "en"]) {
      const { doc } = await home(`/?lang=${lang}`);
      // Landmarks: a banner with the named navigation, then the main content; nothing outside them.
      expect([...doc.body.children].map((el) => el.tagName)).toEqual(["HEADER", "MAIN"]);
      expect(doc.querySelectorAll("header nav[aria-label]")).toHaveLength(1);
      expect(doc.querySelector("header nav")?.getAttribute("aria-label")).toBe(lang === "nl" ? "Taal" : "Language");
      // One h1, and no heading skips a level.
      const levels = [...doc.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
      expect(levels[0]).toBe(1);
      expect(levels.filter((l) => l === 1)).toHaveLength(1);
      expect(levels.filter((l, i) => i > 0 && l > levels[i - 1]! + 1)).toEqual([]);
      // Each section is named by its own heading.
      for (const section of doc.querySelectorAll("section")) {
        const heading = doc.getElementById(section.getAttribute("aria-labelledby") ?? "");
        expect(heading?.tagName).toBe("H2");
        expect(section.contains(heading)).toBe(true);
      }
      // Links to themes and feeds sit in lists; every link has a text, and one text never leads to two places.
      const links = [...doc.querySelectorAll("a")];
      expect(links.filter((a) => !(a.textContent ?? "").trim())).toEqual([]);
      expect(links.filter((a) => a.closest("section") && !a.closest("li"))).toEqual([]);
      const hrefsByText = new Map<string, Set<string>>();
      for (const a of links) hrefsByText.set(a.textContent!, (hrefsByText.get(a.textContent!) ?? new Set()).add(a.getAttribute("href")!));
      expect([...hrefsByText].filter(([, hrefs]) => hrefs.size > 1).map(([text]) => text)).toEqual([]);
      // Every lang attribute names a language the product speaks.
      expect([...doc.querySelectorAll("[lang]")].map((el) => el.getAttribute("lang")).filter((l) => l !== "nl" && l !== "en")).toEqual([]);
    }
  });

  it("is described in the OpenAPI document, as the theme page is", async () => {
    const openapi = (await server.api("GET", "/api/v1/openapi.json")).body;
    const page = openapi.paths["/"]?.get;
    expect(page?.responses?.["200"]?.description).toBe("HTML page");
    expect(page?.security).toBeUndefined();
    expect(page?.parameters?.map((p: { in: string; name: string }) => [p.in, p.name])).toEqual([["query", "lang"]]);
  });

  it("shows a theme with the name an administrator gave it at once, and a new theme under its parent", async () => {
    const before = await home();
    expect(themeItem(before.doc, `${server.url}/t/meertaligheid?lang=nl`).querySelector("h3 a")?.textContent).toBe("Meertaligheid");

    const renamed = await server.api("PATCH", "/api/v1/themes/meertaligheid", { token: server.adminToken, body: { name: { nl: "Meertaligheid in de klas", en: "Multilingual classrooms" } } });
    expect(renamed.status).toBe(200);
    const created = await server.api("POST", "/api/v1/themes", { token: server.adminToken, body: { slug: "rekentaal", name: { nl: "Rekentaal", en: "Mathematical language" }, parent: "meertaligheid" } });
    expect(created.status).toBe(201);

    const nl = await home();
    const item = themeItem(nl.doc, `${server.url}/t/meertaligheid?lang=nl`);
    expect(item.querySelector("h3 a")?.textContent).toBe("Meertaligheid in de klas");
    expect(item.querySelector('a[type="application/atom+xml"]')?.textContent).toBe("Atom-feed van Meertaligheid in de klas");
    expect(texts(item.querySelectorAll('ul[aria-label="Subthema\'s van Meertaligheid in de klas"] > li > a')).at(-1)).toBe("Rekentaal");
    expect(nl.text).not.toContain(">Meertaligheid<");
    const en = await home("/?lang=en");
    expect(themeItem(en.doc, `${server.url}/t/meertaligheid?lang=en`).querySelector("h3 a")?.textContent).toBe("Multilingual classrooms");
  });
});
