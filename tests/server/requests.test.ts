import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer({ bodyLimitBytes: 256 * 1024 });
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const expectContractError = (body: any, code?: string) => {
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
  if (code) expect(body.error.code).toBe(code);
};

describe("bad input gets the contract's 4xx, never a 500", () => {
  it("malformed JSON → 400", async () => {
    const res = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, raw: '{"url": "https://x.nl",', headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(400);
    expectContractError(res.body, "malformed_request");
  });

  it("wrong types → 400 listing every issue with its path", async () => {
    const res = await server.api("POST", "/api/v1/items", {
      token: net.people.anna.token,
      body: { url: 42, themes: "nt2", visibility: "iedereen", sector: ["hbo", "kinderopvang"], meta: { imageUrl: "javascript:alert(1)" } },
    });
    expect(res.status).toBe(400);
    expectContractError(res.body, "invalid_request");
    const paths = res.body.error.issues.map((i: any) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["url", "themes", "visibility", "sector.1", "meta.imageUrl"]));
  });

  it("a URL that is not http(s) → 400", async () => {
    for (const url of ["javascript:alert(1)", "ftp://bestanden.school.nl/x", "file:///etc/passwd", "geen url"]) {
      const res = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url } });
      expect(res.status, url).toBe(400);
    }
  });

  it("an oversized body → 413", async () => {
    const res = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://x.nl", text: "a".repeat(300 * 1024) } });
    expect(res.status).toBe(413);
    expectContractError(res.body, "payload_too_large");
  });

  it("a body that is not JSON → 415", async () => {
    const res = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, raw: "url=https://x.nl", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
    expectContractError(res.body, "unsupported_media_type");
  });

  it("a JSON body that is not an object → 400", async () => {
    for (const raw of ["[]", "null", '"tekst"', "12"]) {
      const res = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, raw, headers: { "Content-Type": "application/json" } });
      expect(res.status, raw).toBe(400);
    }
  });

  it("an unknown route or an unknown id → 404 in the contract's shape", async () => {
    const route = await server.api("GET", "/api/v1/bestaat-niet", { token: net.people.anna.token });
    expect(route.status).toBe(404);
    expectContractError(route.body);
    const item = await server.api("GET", "/api/v1/items/onbekend-id", { token: net.people.anna.token });
    expect(item.status).toBe(404);
    const badId = await server.api("GET", `/api/v1/items/${encodeURIComponent("../../etc")}`, { token: net.people.anna.token });
    expect([400, 404]).toContain(badId.status);
  });

  it("over-long texts are capped, not refused, while over-long notes are refused", async () => {
    const long = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://lang.voorbeeld.nl/a", text: "woord ".repeat(20_000) } });
    expect(long.status).toBe(201);
    const note = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://lang.voorbeeld.nl/b", note: "x".repeat(6000) } });
    expect(note.status).toBe(400);
  });
});

describe("Idempotency-Key", () => {
  it("a retried clip returns the first response and creates nothing new", async () => {
    const body = { url: "https://www.nji.nl/idempotent", title: "Eén keer", visibility: "network" };
    const headers = { "Idempotency-Key": "clip-7f3a" };
    const first = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body, headers });
    const second = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const list = await server.api("GET", `/api/v1/items?q=${encodeURIComponent("eén keer")}`, { token: net.people.anna.token });
    expect(list.body.items).toHaveLength(1);
  });

  it("the same key with another body is a 409, and keys are per person", async () => {
    const headers = { "Idempotency-Key": "clip-shared-key" };
    await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://www.nji.nl/k1" }, headers });
    const reused = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://www.nji.nl/k2" }, headers });
    expect(reused.status).toBe(409);
    expectContractError(reused.body, "idempotency_key_reused");
    const other = await server.api("POST", "/api/v1/items", { token: net.people.bram.token, body: { url: "https://www.nji.nl/k2" }, headers });
    expect(other.status).toBe(201);
  });

  it("a key expires after 24 hours", async () => {
    const headers = { "Idempotency-Key": "clip-expiring" };
    const body = { url: "https://www.nji.nl/verloopt" };
    const first = await server.api("POST", "/api/v1/items", { token: net.people.chris.token, body, headers });
    expect(first.status).toBe(201);
    server.clock.advance(25 * 3_600_000);
    const later = await server.api("POST", "/api/v1/items", { token: net.people.chris.token, body, headers });
    expect(later.status).toBe(200);
    expect(later.body.existing).toBe(true);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
  });

  it("a failed request does not burn its key", async () => {
    const headers = { "Idempotency-Key": "clip-na-fout" };
    const bad = await server.api("POST", "/api/v1/items", { token: net.people.chris.token, body: { url: "https://www.nji.nl/fout", themes: ["bestaat-niet"] }, headers });
    expect(bad.status).toBe(400);
    const good = await server.api("POST", "/api/v1/items", { token: net.people.chris.token, body: { url: "https://www.nji.nl/fout", themes: ["nt2"] }, headers });
    expect(good.status).toBe(201);
  });
});

describe("the API describes itself", () => {
  it("serves an OpenAPI 3.1 document generated from the schemas", async () => {
    const res = await server.api("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    for (const path of ["/api/v1/items", "/api/v1/items/lookup", "/api/v1/auth/login", "/api/v1/themes", "/api/v1/admin/users"]) {
      expect(Object.keys(res.body.paths), path).toContain(path);
    }
    const post = res.body.paths["/api/v1/items"].post;
    const schema = JSON.stringify(post.requestBody);
    expect(schema).toContain("visibility");
    expect(schema).toContain("communityId");
  });

  it("answers /healthz", async () => {
    const res = await server.api("GET", "/healthz");
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });
});
