import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

/**
 * What a person may not see does not exist for them: every path under a school, a bundle or an offer
 * answers 404 (never 403, which would confirm that it exists) to a signed-in person outside it. The
 * operations come from the server's own OpenAPI document, so a new path under one of these is checked
 * here as soon as it exists — and fails this test until it is given a valid request below.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let ids: { school: string; hook: string; bundle: string; curator: string; offer: string };

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const { bram, dewi } = net.people;
  const must = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await server.api(method, path, { token, body });
    if (res.status >= 300) throw new Error(`setup ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const hook = await must("POST", `/api/v1/schools/${net.schoolA.id}/webhooks`, bram.token, { url: "http://127.0.0.1:9/hook", format: "json" });
  const item = await must("POST", "/api/v1/items", dewi.token, { url: "https://voorbeeld.nl/toegang", title: "Toegang", visibility: "public" });
  // A published bundle offered to school A, and a draft: outsiders can see neither the draft nor the offer.
  const published = await must("POST", "/api/v1/bundles", dewi.token, { title: "Gepubliceerd", about: "a", use: "b", themes: ["nt2"], audience: "public" });
  await must("PUT", `/api/v1/bundles/${published.bundle.id}/items`, dewi.token, { version: 1, items: [{ itemId: item.item.id, note: "" }] });
  await must("POST", `/api/v1/bundles/${published.bundle.id}/publish`, dewi.token, {});
  const offers = await must("POST", `/api/v1/bundles/${published.bundle.id}/offers`, dewi.token, { schoolIds: [net.schoolA.id] });
  const draft = await must("POST", "/api/v1/bundles", dewi.token, { title: "Concept", about: "a", use: "b", themes: ["nt2"], audience: "public" });
  ids = { school: net.schoolA.id, hook: hook.webhook.id, bundle: draft.bundle.id, curator: dewi.id, offer: offers.offers[0].id };
});

afterAll(async () => {
  await server?.stop();
});

/** A valid request for every operation on a school, a bundle or an offer, so nothing but access can refuse it. */
const requests: Record<string, () => { path: string; body?: unknown }> = {
  "GET /api/v1/schools/{id}/subscriptions": () => ({ path: `/api/v1/schools/${ids.school}/subscriptions` }),
  "PUT /api/v1/schools/{id}/subscriptions": () => ({ path: `/api/v1/schools/${ids.school}/subscriptions`, body: { themes: ["nt2"] } }),
  "GET /api/v1/schools/{id}/feed-url": () => ({ path: `/api/v1/schools/${ids.school}/feed-url` }),
  "POST /api/v1/schools/{id}/feed-url/rotate": () => ({ path: `/api/v1/schools/${ids.school}/feed-url/rotate` }),
  "GET /api/v1/schools/{id}/webhooks": () => ({ path: `/api/v1/schools/${ids.school}/webhooks` }),
  "POST /api/v1/schools/{id}/webhooks": () => ({ path: `/api/v1/schools/${ids.school}/webhooks`, body: { url: "http://127.0.0.1:9/other", format: "teams" } }),
  "DELETE /api/v1/schools/{id}/webhooks/{hookId}": () => ({ path: `/api/v1/schools/${ids.school}/webhooks/${ids.hook}` }),
  "GET /api/v1/schools/{id}/webhooks/{hookId}/deliveries": () => ({ path: `/api/v1/schools/${ids.school}/webhooks/${ids.hook}/deliveries` }),
  "GET /api/v1/schools/{id}/offers": () => ({ path: `/api/v1/schools/${ids.school}/offers` }),
  "GET /api/v1/bundles/{id}": () => ({ path: `/api/v1/bundles/${ids.bundle}` }),
  "PATCH /api/v1/bundles/{id}": () => ({ path: `/api/v1/bundles/${ids.bundle}`, body: { version: 1, title: "Overgenomen" } }),
  "DELETE /api/v1/bundles/{id}": () => ({ path: `/api/v1/bundles/${ids.bundle}` }),
  "PUT /api/v1/bundles/{id}/items": () => ({ path: `/api/v1/bundles/${ids.bundle}/items`, body: { version: 1, items: [] } }),
  "POST /api/v1/bundles/{id}/curators": () => ({ path: `/api/v1/bundles/${ids.bundle}/curators`, body: { userId: ids.curator } }),
  "DELETE /api/v1/bundles/{id}/curators/{userId}": () => ({ path: `/api/v1/bundles/${ids.bundle}/curators/${ids.curator}` }),
  "POST /api/v1/bundles/{id}/owner": () => ({ path: `/api/v1/bundles/${ids.bundle}/owner`, body: { userId: ids.curator } }),
  "POST /api/v1/bundles/{id}/publish": () => ({ path: `/api/v1/bundles/${ids.bundle}/publish`, body: {} }),
  "POST /api/v1/bundles/{id}/offers": () => ({ path: `/api/v1/bundles/${ids.bundle}/offers`, body: { schoolIds: [ids.school] } }),
  "GET /api/v1/bundles/{id}/reach": () => ({ path: `/api/v1/bundles/${ids.bundle}/reach` }),
  "POST /api/v1/offers/{id}/accept": () => ({ path: `/api/v1/offers/${ids.offer}/accept` }),
  "POST /api/v1/offers/{id}/decline": () => ({ path: `/api/v1/offers/${ids.offer}/decline`, body: { reason: "past niet" } }),
  "POST /api/v1/offers/{id}/revoke-key": () => ({ path: `/api/v1/offers/${ids.offer}/revoke-key` }),
  "POST /api/v1/offers/{id}/key": () => ({ path: `/api/v1/offers/${ids.offer}/key` }),
};

describe("paths under a school, a bundle or an offer", () => {
  it("are all listed here: every such operation in the OpenAPI document has a request above", async () => {
    const doc = (await server.api("GET", "/api/v1/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/v1\/(schools|bundles|offers)\/\{id\}/.test(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(operations).toEqual(Object.keys(requests).sort());
  });

  it("answer 404 in the contract's shape to a signed-in person outside the school, and for a draft they do not curate", async () => {
    // eva belongs to no school and curates nothing; chris is in the other school.
    for (const person of [net.people.eva, net.people.chris]) {
      const answers = [];
      for (const [operation, request] of Object.entries(requests)) {
        const method = operation.split(" ")[0]!;
        const { path, body } = request();
        const res = await server.api(method, path, { token: person.token, body });
        answers.push({ operation, status: res.status, code: res.body?.error?.code });
      }
      expect(answers).toEqual(Object.keys(requests).map((operation) => ({ operation, status: 404, code: "not_found" })));
    }
  });

  it("still work for the people they belong to (the requests above are valid)", async () => {
    const { bram, dewi } = net.people;
    expect((await server.api("GET", requests["GET /api/v1/schools/{id}/subscriptions"]!().path, { token: bram.token })).status).toBe(200);
    expect((await server.api("GET", requests["GET /api/v1/schools/{id}/webhooks/{hookId}/deliveries"]!().path, { token: bram.token })).status).toBe(200);
    expect((await server.api("GET", requests["GET /api/v1/bundles/{id}"]!().path, { token: dewi.token })).status).toBe(200);
    expect((await server.api("GET", requests["GET /api/v1/bundles/{id}/reach"]!().path, { token: dewi.token })).status).toBe(200);
    const decline = requests["POST /api/v1/offers/{id}/decline"]!();
    expect((await server.api("POST", decline.path, { token: bram.token, body: decline.body })).status).toBe(200);
  });
});
