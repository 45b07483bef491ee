import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describeRoute, resolver } from "hono-openapi";
import { ErrorBody } from "../../shared/schemas";

type Responses = Record<number, { description: string; schema?: StandardSchemaV1 }>;

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: resolver(ErrorBody) } },
});

/** Documents a route for /api/v1/openapi.json from the same zod schemas that validate it. */
export function doc(spec: {
  tag: string;
  summary: string;
  auth?: "required" | "optional" | "none";
  responses: Responses;
  /** Request headers a route reads by hand (validated headers are documented by their validator). */
  headers?: { name: string; description: string }[];
}) {
  const auth = spec.auth ?? "required";
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = r.schema
      ? { description: r.description, content: { "application/json": { schema: resolver(r.schema) } } }
      : { description: r.description };
  }
  if (auth === "required") responses["401"] ??= errorResponse("No valid bearer token.");
  responses["400"] ??= errorResponse("Malformed or invalid input; `issues` lists what is wrong.");
  return describeRoute({
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.headers ? { parameters: spec.headers.map((h) => ({ in: "header" as const, name: h.name, description: h.description, required: false, schema: { type: "string" as const } })) } : {}),
    ...(auth === "none" ? {} : { security: auth === "required" ? [{ bearer: [] }] : [{ bearer: [] }, {}] }),
    responses: responses as never,
  });
}

/** How the document describes the API as a whole (see server/routing/openapi-document.ts). */
export const OPENAPI_OPTIONS = {
  documentation: {
    openapi: "3.1.0",
    info: {
      title: "Knooppunt API",
      version: "1.0.0",
      description:
        "Clip, curate and share what teachers learn. Errors are always {error: {code, message, issues?}}; lists are cursor-paginated.",
    },
    components: { securitySchemes: { bearer: { type: "http" as const, scheme: "bearer" } } },
    servers: [{ url: "/" }],
  },
  exclude: ["/api/v1/openapi.json"],
};
