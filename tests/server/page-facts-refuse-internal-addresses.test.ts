import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { startSite, type Site } from "../support/page-facts-site";

// A person types the address, Knooppunt does the request: without these rules anyone signed in could make
// the server read its own admin pages, the school's intranet or a cloud metadata service for them.

const PAGE = '<!DOCTYPE html><html lang="nl"><head><title>Binnen</title></head><body><p>Alleen voor intern gebruik.</p></body></html>';

let guarded: TestServer; // no allow-list: what an installation on the internet does
let allowing: TestServer; // 127.0.0.1 allow-listed, as for a site inside the school network
let site: Site; // on 127.0.0.1
let inside: Site; // also on 127.0.0.1, reached by name (localhost), which is not allow-listed

beforeAll(async () => {
  inside = await startSite({ "/geheim": (_req, res) => void res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE) });
  const insidePort = new URL(inside.origin).port;
  const chain = (from: number): Record<string, import("node:http").RequestListener> =>
    Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [`/stap-${from + i}`, (_req, res) => void res.writeHead(302, { Location: `/stap-${from + i + 1}` }).end()]),
    );
  site = await startSite({
    "/pagina": (_req, res) => void res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE),
    "/naar-localhost": (_req, res) => void res.writeHead(302, { Location: `https://localhost:${insidePort}/geheim` }).end(),
    "/naar-localhost-http": (_req, res) => void res.writeHead(302, { Location: `http://localhost:${insidePort}/geheim` }).end(),
    "/naar-metadata": (_req, res) => void res.writeHead(302, { Location: "https://169.254.169.254/latest/meta-data/" }).end(),
    "/naar-prive": (_req, res) => void res.writeHead(307, { Location: "https://10.0.0.1/" }).end(),
    ...chain(1),
    // Five redirects and then the page: the most that is followed.
    "/vijf-1": (_req, res) => void res.writeHead(301, { Location: "/vijf-2" }).end(),
    "/vijf-2": (_req, res) => void res.writeHead(302, { Location: "/vijf-3" }).end(),
    "/vijf-3": (_req, res) => void res.writeHead(303, { Location: "/vijf-4" }).end(),
    "/vijf-4": (_req, res) => void res.writeHead(307, { Location: "/vijf-5" }).end(),
    "/vijf-5": (_req, res) => void res.writeHead(308, { Location: "/pagina" }).end(),
  });
  guarded = await startTestServer({ pageFetchAllowHosts: [] });
  allowing = await startTestServer({ pageFetchAllowHosts: ["127.0.0.1"] });
});
afterAll(async () => {
  await Promise.all([guarded.stop(), allowing.stop()]);
  await Promise.all([site.close(), inside.close()]);
});

const facts = (server: TestServer, url: string) => server.api("POST", "/api/v1/pages/facts", { token: server.adminToken, body: { url } });
const refusal = (reason: string) => ({ code: `page_${reason}`, reason });
const errorOf = (res: { body: any }) => ({ code: res.body.error.code, reason: res.body.error.reason });

describe("POST /api/v1/pages/facts refuses addresses inside the network", () => {
  it("refuses 127.0.0.1 without the allow-list, over https too, and asks the site nothing", async () => {
    const before = site.requests.length;
    const port = new URL(site.origin).port;
    const https = await facts(guarded, `https://127.0.0.1:${port}/pagina`);
    expect([https.status, errorOf(https)]).toEqual([422, refusal("internal_address")]);
    expect(https.body.error.message).toBe("127.0.0.1 is not on the public internet; Knooppunt reads only public pages.");
    const http = await facts(guarded, site.url("/pagina"));
    expect([http.status, errorOf(http)]).toEqual([422, refusal("https_required")]);
    expect(site.requests.length - before).toBe(0);
  });

  it("refuses a name that resolves to this machine (localhost) without the allow-list", async () => {
    const res = await facts(guarded, `https://localhost:${new URL(inside.origin).port}/geheim`);
    expect([res.status, errorOf(res)]).toEqual([422, refusal("internal_address")]);
    expect(inside.requests).toEqual([]);
  });

  it("refuses plain http to a host that is not allow-listed before looking it up", async () => {
    const res = await facts(guarded, "http://www.voorbeeldschool.nl/nieuws");
    expect([res.status, errorOf(res)]).toEqual([422, refusal("https_required")]);
  });

  it("refuses a user name and password in the address, and what is not an address", async () => {
    const credentials = await facts(guarded, "https://juf:geheim@www.voorbeeldschool.nl/");
    expect([credentials.status, errorOf(credentials)]).toEqual([422, refusal("credentials")]);
    for (const url of ["geen adres", "ftp://www.voorbeeldschool.nl/lesbrief.pdf", "https://%00/"]) {
      const res = await facts(guarded, url);
      expect([url, res.status, errorOf(res)]).toEqual([url, 422, url.startsWith("ftp") ? refusal("https_required") : refusal("invalid_url")]);
    }
  });

  it("refuses a redirect to a private, metadata or loopback address and fetches nothing from it", async () => {
    for (const [path, reason] of [
      ["/naar-prive", "internal_address"],
      ["/naar-metadata", "internal_address"],
      ["/naar-localhost", "internal_address"],
      ["/naar-localhost-http", "https_required"],
    ] as const) {
      const res = await facts(allowing, site.url(path));
      expect([path, res.status, errorOf(res)]).toEqual([path, 422, refusal(reason)]);
    }
    expect(inside.requests).toEqual([]);
  });

  it("follows five redirects and refuses the sixth, asking nothing more", async () => {
    const five = await facts(allowing, site.url("/vijf-1"));
    expect([five.status, five.body.page?.url, five.body.page?.title]).toEqual([200, site.url("/pagina"), "Binnen"]);

    const before = site.requests.length;
    const six = await facts(allowing, site.url("/stap-1"));
    expect([six.status, errorOf(six)]).toEqual([422, refusal("too_many_redirects")]);
    expect(site.requests.slice(before).map((r) => r.path)).toEqual(["/stap-1", "/stap-2", "/stap-3", "/stap-4", "/stap-5", "/stap-6"]);
  });
});
