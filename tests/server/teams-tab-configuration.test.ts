/**
 * Which of our pages Teams and SharePoint may show, and the page a school's Teams tab opens to choose one:
 * a theme for anyone, a bundle its school accepted for a signed-in member, with the address to paste.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { buildNetwork, offerKey, reply, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession } from "../support/web-session";

const SCHOOL_INTRANET = "https://intranet.regenboog.nl";
const MICROSOFT_365 =
  "https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.microsoft365.com https://*.office.com https://outlook.office.com https://outlook.office365.com https://outlook-sdf.office.com https://outlook-sdf.office365.com https://*.sharepoint.com";
const PAGE_FRAMED_BY_SCHOOLS = `default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors ${MICROSOFT_365} ${SCHOOL_INTRANET}`;
const CONFIGURE_PAGE = PAGE_FRAMED_BY_SCHOOLS.replace("form-action 'none'", "form-action 'self'").replace("default-src 'none';", "default-src 'none'; script-src 'self';");

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let accepted: { offerId: string; slug: string; title: string };
const v1 = (token?: string) => server.client(token).api.v1;

beforeAll(async () => {
  server = await startTestServer({ embedAllowOrigins: [SCHOOL_INTRANET] });
  net = await buildNetwork(server);
  const dewi = v1(net.people.dewi.token).bundles;
  const item = await reply(v1(net.people.anna.token).items.$post({ json: { url: "https://www.voorbeeld.nl/teams/1", title: "Meertalig lezen", visibility: "network" } }));
  const title = "Nieuwkomers in de klas";
  const draft = await reply(dewi.$post({ json: { title, about: "Over nieuwkomers", themes: ["nieuwkomers"], audience: "network" } }));
  await dewi[":id"].items.$put({ param: { id: draft.body.bundle.id }, json: { version: 1, items: [{ itemId: item.body.item.id, note: "" }] } });
  const published = await reply(dewi[":id"].publish.$post({ param: { id: draft.body.bundle.id }, json: {} }));
  const made = await reply(dewi[":id"].offers.$post({ param: { id: draft.body.bundle.id }, json: { schoolIds: [net.schoolA.id] } }));
  const offerId = made.body.offers[0]!.id;
  expect((await reply(v1(net.people.bram.token).offers[":id"].accept.$post({ param: { id: offerId } }))).status).toBe(200);
  accepted = { offerId, slug: published.body.bundle.slug!, title };
});
afterAll(() => server.stop());

async function page(path: string, cookie?: string) {
  const res = await fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const text = await res.text();
  return { status: res.status, headers: res.headers, doc: new JSDOM(text).window.document };
}

const options = (doc: Document) =>
  [...doc.querySelectorAll("select#tab optgroup")].map((group) => ({
    group: group.getAttribute("label"),
    options: [...group.querySelectorAll("option")].map((o) => [o.getAttribute("value"), o.textContent]),
  }));

describe("framing: bundle and theme pages in Teams and SharePoint, everything else nowhere", () => {
  it("lets Teams, Office, SharePoint and the operator's sites frame a bundle page and a theme page, without X-Frame-Options", async () => {
    const bundle = await page(`/b/${accepted.slug}?key=${offerKey(server, accepted.offerId)}`);
    const theme = await page("/t/nieuwkomers");
    for (const res of [bundle, theme]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toBe(PAGE_FRAMED_BY_SCHOOLS);
      expect(res.headers.get("x-frame-options")).toBeNull();
    }
  });

  it("keeps the sign-in page, the account page, the home page and the privacy page unframeable", async () => {
    const anna = openTestWebSession(server, net.people.anna.id);
    for (const path of ["/login", "/me", "/", "/privacy"]) {
      const res = await fetch(`${server.url}${path}`, { redirect: "manual", headers: path === "/me" ? { Cookie: anna.cookie } : {} });
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers.get("x-frame-options"), /frame-ancestors 'none'$/.test(res.headers.get("content-security-policy") ?? "")]).toEqual([path, "SAMEORIGIN", true]);
    }
  });

  it("reads EMBED_ALLOW_ORIGINS as origins only, and refuses anything that could end the policy", () => {
    expect(loadConfig({ EMBED_ALLOW_ORIGINS: " https://intranet.regenboog.nl/ , https://*.stichting.nl,http://127.0.0.1:8080" }).embedAllowOrigins).toEqual([
      "https://intranet.regenboog.nl",
      "https://*.stichting.nl",
      "http://127.0.0.1:8080",
    ]);
    expect(loadConfig({}).embedAllowOrigins).toEqual([]);
    for (const bad of ["https://a.nl; script-src *", "https://a.nl/pad", "*", "ftp://a.nl", "'self'"]) {
      expect(() => loadConfig({ EMBED_ALLOW_ORIGINS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ EMBED_ALLOW_ORIGINS: bad }), bad).toThrow(/EMBED_ALLOW_ORIGINS: must be comma-separated origins/);
    }
  });
});

describe("GET /teams/configure", () => {
  it("offers every theme to someone not signed in, asks them to sign in for bundles, and may be framed where the pages are", async () => {
    const themes = (await server.api("GET", "/api/v1/themes")).body.themes as { slug: string; name: { nl: string } }[];
    const res = await page("/teams/configure");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CONFIGURE_PAGE);
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(options(res.doc)).toEqual([{ group: "Thema's", options: themes.map((t) => [`theme:${t.slug}`, t.name.nl]) }]);
    expect(res.doc.querySelector("[data-testid=tab-address]")).toBeNull();
    const signIn = [...res.doc.querySelectorAll("main a")].map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("target")]);
    expect(signIn).toEqual([["Aanmelden", "/login?lang=nl&next=%2Fteams%2Fconfigure", "_blank"]]);
  });

  it("gives the chosen theme's page address to paste, in English when asked", async () => {
    const res = await page("/teams/configure?lang=en&tab=theme:nieuwkomers");
    expect(res.doc.documentElement.getAttribute("lang")).toBe("en");
    expect((res.doc.querySelector("[data-testid=tab-address]") as HTMLInputElement).value).toBe(`${server.url}/t/nieuwkomers`);
    expect(res.doc.querySelector("select#tab option[selected]")?.getAttribute("value")).toBe("theme:nieuwkomers");
    expect(res.doc.querySelector(".address h2")?.textContent).toBe("The address for the tab");
  });

  it("lists the bundles a signed-in member's school accepted, and gives the page address with the school's key", async () => {
    const anna = openTestWebSession(server, net.people.anna.id);
    const res = await page(`/teams/configure?tab=offer:${accepted.offerId}`, anna.cookie);
    expect(options(res.doc).map((g) => g.group)).toEqual(["Thema's", "Aangenomen bundels van De Regenboog"]);
    expect(options(res.doc)[1]!.options).toEqual([[`offer:${accepted.offerId}`, accepted.title]]);
    expect((res.doc.querySelector("[data-testid=tab-address]") as HTMLInputElement).value).toBe(
      `${server.url}/b/${accepted.slug}?key=${offerKey(server, accepted.offerId)}`,
    );
    expect(res.doc.body.textContent).not.toContain("Meld je aan om ook de bundels te zien");
  });

  it("tells a member of a school without accepted bundles so, and gives nobody another school's bundle", async () => {
    const chris = openTestWebSession(server, net.people.chris.id);
    const res = await page(`/teams/configure?tab=offer:${accepted.offerId}`, chris.cookie);
    expect(options(res.doc).map((g) => g.group)).toEqual(["Thema's"]);
    expect(res.doc.querySelector("[data-testid=tab-address]")).toBeNull();
    expect(res.doc.querySelector("[role=alert]")?.textContent).toBe(
      "Dit thema of deze bundel bestaat niet (meer), of je kunt hem niet kiezen. Kies hieronder opnieuw.",
    );
    expect(res.doc.body.textContent).toContain("Het Stedelijk College heeft nog geen bundels aangenomen.");
    const anonymous = await page(`/teams/configure?tab=offer:${accepted.offerId}`);
    expect(anonymous.doc.querySelector("[data-testid=tab-address]")).toBeNull();
  });

  it("runs the Teams JavaScript library and its own script from this server, gzipped when asked, and nothing inline", async () => {
    const res = await page("/teams/configure");
    const scripts = [...res.doc.querySelectorAll("script")].map((s) => [s.getAttribute("src")?.replace(/\.[0-9a-f]{16}\.js$/, ".<hash>.js"), s.hasAttribute("defer"), s.textContent]);
    expect(scripts).toEqual([
      ["/teams/scripts/teams-js.<hash>.js", true, ""],
      ["/teams/scripts/configure.<hash>.js", true, ""],
    ]);
    expect(res.doc.querySelector("form.choose")?.getAttribute("data-teams-origins")).toBe(JSON.stringify([SCHOOL_INTRANET]));
    const library = readFileSync(createRequire(import.meta.url).resolve("@microsoft/teams-js"), "utf8");
    for (const script of res.doc.querySelectorAll("script")) {
      const served = await fetch(`${server.url}${script.getAttribute("src")}`, { headers: { "Accept-Encoding": "gzip" } });
      expect([served.status, served.headers.get("content-type"), served.headers.get("cache-control"), served.headers.get("content-encoding")]).toEqual([
        200,
        "text/javascript; charset=utf-8",
        "public, max-age=31536000, immutable",
        "gzip",
      ]);
      const body = await served.text();
      const plain = await fetch(`${server.url}${script.getAttribute("src")}`, { headers: { "Accept-Encoding": "identity" } });
      expect([plain.headers.get("content-encoding"), plain.headers.get("vary"), await plain.text()]).toEqual([null, "Accept-Encoding", body]);
      if (script.getAttribute("src")!.includes("teams-js")) expect(body).toBe(library.replace("\n//# sourceMappingURL=MicrosoftTeams.min.js.map", "\n"));
      else expect([body.includes("microsoftTeams.app.initialize"), body.includes("import ")]).toEqual([true, false]);
    }
  });

  it("answers any other script name with the contract's 404", async () => {
    for (const name of ["teams-js.js", "configure.0000000000000000.js", "..%2Fconfigure-script.ts", "x".repeat(500)]) {
      const res = await fetch(`${server.url}/teams/scripts/${name}`);
      expect([name, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([name, 404, "not_found"]);
    }
  });

  it("starts with nothing chosen, and tells the script each choice's address", async () => {
    const anna = openTestWebSession(server, net.people.anna.id);
    const res = await page("/teams/configure", anna.cookie);
    const select = res.doc.querySelector("select#tab") as HTMLSelectElement;
    expect([select.required, select.value, select.options[0]!.textContent]).toEqual([true, "", "Kies een thema of bundel"]);
    const offer = res.doc.querySelector(`option[value="offer:${accepted.offerId}"]`);
    expect(offer?.getAttribute("data-url")).toBe(`${server.url}/b/${accepted.slug}?key=${offerKey(server, accepted.offerId)}`);
    expect(res.doc.querySelector('option[value="theme:nieuwkomers"]')?.getAttribute("data-url")).toBe(`${server.url}/t/nieuwkomers`);
    expect(res.doc.getElementById("in-teams")?.hasAttribute("hidden")).toBe(true);
  });

  it("answers nonsense in the query with the page, not an error", async () => {
    for (const query of [`tab=${"x".repeat(5000)}`, "tab=theme:", "lang=fr&tab[]=1", "tab=%00"]) {
      const res = await page(`/teams/configure?${query}`);
      expect([query, res.status, res.doc.querySelector("h1")?.textContent]).toEqual([query, 200, "Knooppunt als tabblad"]);
    }
  });
});
