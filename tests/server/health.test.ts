import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("/healthz", () => {
  it("says degraded with 503 when the database still answers reads but can no longer commit a write", async () => {
    expect(await server.api("GET", "/healthz")).toMatchObject({ status: 200, body: { ok: true } });

    // What a file system remounted read-only does to the server's own connection: reads work, writes fail.
    server.ctx.sqlite.pragma("query_only = ON");
    try {
      // A write committed a moment ago: within 10 s it is not tried again, so polling stays cheap.
      expect((await server.api("GET", "/healthz")).status).toBe(200);
      server.clock.advance(10_000);
      const degraded = await server.api("GET", "/healthz");
      expect(degraded.status).toBe(503);
      expect(degraded.body).toEqual({
        error: { code: "database_not_writable", message: "The database answers but cannot commit a write (a full disk or a read-only file system)." },
        ok: false,
        status: "degraded",
        database: "not_writable",
        cause: "SQLITE_READONLY",
      });
      // A failure is checked again on every call: still degraded without the clock moving.
      expect((await server.api("GET", "/healthz")).status).toBe(503);
    } finally {
      server.ctx.sqlite.pragma("query_only = OFF");
    }
    expect(await server.api("GET", "/healthz")).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("is described in the OpenAPI document with both answers", async () => {
    const res = await server.api("GET", "/api/v1/openapi.json");
    expect(Object.keys(res.body.paths["/healthz"].get.responses).sort()).toEqual(["200", "400", "503"]);
  });
});
