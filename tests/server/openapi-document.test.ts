import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document, as a real validator reads it", async () => {
    const res = await server.api<OpenAPIV3_1.Document>("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    // validate() rejects with every problem it finds (a response without a description, a bad $ref, …).
    const validated = (await SwaggerParser.validate(structuredClone(res.body))) as OpenAPIV3_1.Document;
    expect(Object.keys(validated.paths ?? {}).sort()).toEqual(Object.keys(res.body.paths ?? {}).sort());
  });
});
