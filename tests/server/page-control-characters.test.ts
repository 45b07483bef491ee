import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

// C0 controls other than tab, LF and CR (and DEL, and the C1 controls): they mean nothing in a title and
// are parse errors in HTML; a browser may show them as boxes, a screen reader may read them out.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const SOH_BS_ESC = "\u0001\u0008\u001b";

let server: TestServer;
let bundleSlug: string;

beforeAll(async () => {
  server = await startTestServer();
  const net = await buildNetwork(server);
  const v1 = (token: string) => server.client(token).api.v1;
  const theme = await reply(
    v1(server.adminToken).themes.$post({ json: { slug: "stuurgroep-taal", name: { nl: `Stuur${SOH_BS_ESC}groep taal`, en: `Language${SOH_BS_ESC} steering` } } }),
  );
  expect(theme.status).toBe(201);
  const item = await reply(
    v1(net.people.anna.token).items.$post({
      json: { url: "https://example.org/klasgesprek", title: `Klas${SOH_BS_ESC}gesprek over thuistaal`, visibility: "public", themes: ["stuurgroep-taal"] },
    }),
  );
  expect(item.status).toBe(201);
  const bundles = v1(net.people.dewi.token).bundles;
  const draft = (await reply(bundles.$post({ json: { title: `Bundel${SOH_BS_ESC} voor de stuurgroep`, about: `Over${SOH_BS_ESC} taal`, themes: ["stuurgroep-taal"], audience: "public" } }))).body.bundle;
  await bundles[":id"].items.$put({ param: { id: draft.id }, json: { version: draft.version, items: [{ itemId: item.body.item.id, note: `Lees${SOH_BS_ESC} dit eerst` }] } });
  const published = await reply(bundles[":id"].publish.$post({ param: { id: draft.id }, json: {} }));
  expect(published.status).toBe(200);
  bundleSlug = published.body.bundle.slug!;
});
afterAll(() => server.stop());

async function html(path: string) {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  return res.text();
}

describe("control characters in titles on the pages for people", () => {
  it("are left out of the bundle page /b/:slug, the rest of the text kept", async () => {
    const page = await html(`/b/${bundleSlug}`);
    expect(page).not.toMatch(CONTROL);
    expect(page).toContain("<title>Bundel voor de stuurgroep");
    expect(page).toContain("Klasgesprek over thuistaal");
    expect(page).toContain("Lees dit eerst");
  });

  it("are left out of the theme page /t/:slug", async () => {
    const page = await html("/t/stuurgroep-taal");
    expect(page).not.toMatch(CONTROL);
    expect(page).toContain("Stuurgroep taal");
    expect(page).toContain("Klasgesprek over thuistaal");
    expect(page).toContain("Bundel voor de stuurgroep");
  });

  it("are left out of the home page", async () => {
    const page = await html("/?lang=en");
    expect(page).not.toMatch(CONTROL);
    expect(page).toContain("Language steering");
  });
});
