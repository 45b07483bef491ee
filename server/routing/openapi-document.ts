import { Hono } from "hono";
import { generateSpecs } from "hono-openapi";
import { DegradedResponse, HealthyResponse } from "../../shared/schemas";
import type { AppEnv } from "../http/env";
import { doc, OPENAPI_OPTIONS } from "../http/openapi";
import { API_GROUPS, PAGE_GROUPS } from "./groups";
import { mountEagerly } from "./lazy-routes";

/**
 * The OpenAPI document of every route, made from the same route groups the app loads on first use, all
 * mounted at once. The bundled server reads it from the file its build wrote (see openapi-route.ts):
 * making it reads every route module, which a running server otherwise never needs all of.
 */
export async function buildOpenApiDocument(): Promise<unknown> {
  const app = new Hono<AppEnv>();
  // /healthz itself is answered by the app (it must answer before any route group is read); this is its description.
  app.get(
    "/healthz",
    doc({
      tag: "health",
      summary: "Whether the server's database answers and a write can commit",
      auth: "none",
      responses: { 200: { description: "Healthy", schema: HealthyResponse }, 503: { description: "The database does not answer or cannot commit a write", schema: DegradedResponse } },
    }),
    (c) => c.body(null),
  );
  await mountEagerly(app, "/api/v1", API_GROUPS);
  await mountEagerly(app, "/", PAGE_GROUPS);
  return generateSpecs(app, OPENAPI_OPTIONS);
}
