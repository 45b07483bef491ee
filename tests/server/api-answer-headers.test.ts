import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

// The API allows every origin (bearer tokens carry identity) and keeps personal answers out of shared caches:
// headers added to the finished answer, on every kind of answer, and a fixed answer to a preflight.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const EXPOSED = "Retry-After,Idempotent-Replayed";

describe("the API's answer headers", () => {
  it("answers a preflight with the methods and headers the extension sends, for a day", async () => {
    const res = await fetch(`${server.url}/api/v1/items`, {
      method: "OPTIONS",
      headers: { Origin: "chrome-extension://abcdefghijklmnop", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type,idempotency-key" },
    });
    expect(res.status).toBe(204);
    expect({
      origin: res.headers.get("Access-Control-Allow-Origin"),
      methods: res.headers.get("Access-Control-Allow-Methods"),
      headers: res.headers.get("Access-Control-Allow-Headers"),
      expose: res.headers.get("Access-Control-Expose-Headers"),
      maxAge: res.headers.get("Access-Control-Max-Age"),
      vary: res.headers.get("Vary"),
    }).toEqual({
      origin: "*",
      methods: "GET,POST,PUT,PATCH,DELETE",
      headers: "Authorization,Content-Type,Idempotency-Key",
      expose: EXPOSED,
      maxAge: "86400",
      vary: "Access-Control-Request-Headers",
    });
    expect(await res.text()).toBe("");
  });

  it("lets any origin read an answer, a refusal and a 404, each private and with its length", async () => {
    const answers = [
      await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${server.adminToken}`, Origin: "https://school.example" } }),
      await fetch(`${server.url}/api/v1/me`, { headers: { Origin: "https://school.example" } }),
      await fetch(`${server.url}/api/v1/me/nothing-here`, { headers: { Authorization: `Bearer ${server.adminToken}` } }),
    ];
    const seen = [];
    for (const res of answers) {
      const body = await res.text();
      seen.push({
        status: res.status,
        origin: res.headers.get("Access-Control-Allow-Origin"),
        expose: res.headers.get("Access-Control-Expose-Headers"),
        cache: res.headers.get("Cache-Control"),
        length: res.headers.get("Content-Length"),
        chunked: res.headers.get("Transfer-Encoding"),
        bodyLength: String(Buffer.byteLength(body)),
      });
    }
    expect(seen.map(({ bodyLength, ...rest }) => ({ ...rest, length: rest.length === bodyLength }))).toEqual([
      { status: 200, origin: "*", expose: EXPOSED, cache: "private, no-store", length: true, chunked: null },
      { status: 401, origin: "*", expose: EXPOSED, cache: "private, no-store", length: true, chunked: null },
      { status: 404, origin: "*", expose: EXPOSED, cache: "private, no-store", length: true, chunked: null },
    ]);
  });

  it("keeps a route's own cache rule (the public taxonomy)", async () => {
    const res = await fetch(`${server.url}/api/v1/themes`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).not.toBe("private, no-store");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});
