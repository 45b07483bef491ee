/**
 * A person who follows a link or posts a form and meets an error reads it as a page in their language;
 * programs, and every /api/ and /feeds/ path, keep getting the contract's JSON.
 */
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_CSP } from "../../server/pages/page-http";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession } from "../support/web-session";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async function page(res: Response) {
  const doc = new JSDOM(await res.text()).window.document;
  return { lang: doc.documentElement.lang, h1: doc.querySelector("h1")?.textContent, code: doc.querySelector("[data-error]")?.getAttribute("data-error") };
}

describe("errors on pages", () => {
  it("shows a form post without its CSRF token as a Dutch or English page, and changes nothing", async () => {
    const session = openTestWebSession(server, net.people.anna.id);
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/auth/choose-school`, {
        method: "POST",
        headers: { Cookie: session.cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ schoolId: net.schoolB.id, returnTo: "/me" }),
        redirect: "manual",
      });
    const dutch = await post({ Accept: BROWSER_ACCEPT, "Accept-Language": "nl-NL,nl;q=0.9" });
    expect([dutch.status, dutch.headers.get("Content-Type"), dutch.headers.get("Content-Security-Policy")]).toEqual([403, "text/html; charset=UTF-8", PAGE_CSP]);
    expect(await page(dutch)).toEqual({ lang: "nl", h1: "Dit formulier is verlopen of kwam van een andere site", code: "csrf_failed" });
    const english = await post({ Accept: BROWSER_ACCEPT, "Accept-Language": "en-GB" });
    expect(await page(english)).toEqual({ lang: "en", h1: "This form has expired or came from another site", code: "csrf_failed" });
    // A program asking the same gets the contract's JSON.
    const program = await post({ Accept: "application/json" });
    expect([program.status, (await program.json()).error.code]).toEqual([403, "csrf_failed"]);
    const me = await server.api("GET", "/api/v1/me", { token: net.people.anna.token });
    expect(me.body.schools.map((s: { id: string }) => s.id)).toEqual([net.schoolA.id]);
  });

  it("answers an unknown page address with a page, and an unknown API or feed address with JSON", async () => {
    const unknown = await fetch(`${server.url}/nergens?lang=en`, { headers: { Accept: BROWSER_ACCEPT } });
    expect([unknown.status, await page(unknown)]).toEqual([404, { lang: "en", h1: "Not found", code: "not_found" }]);
    for (const path of ["/api/v1/nergens", "/feeds/nergens.atom"]) {
      const res = await fetch(`${server.url}${path}`, { headers: { Accept: BROWSER_ACCEPT } });
      expect([res.status, res.headers.get("Content-Type"), (await res.json()).error.code]).toEqual([404, "application/json", "not_found"]);
    }
  });
});
