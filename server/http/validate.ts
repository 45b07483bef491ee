import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import { invalid } from "../core/errors";

const MESSAGES: Record<string, string> = {
  json: "The request body is not valid.",
  query: "The query parameters are not valid.",
  param: "The path is not valid.",
  header: "The request headers are not valid.",
};

const pathOf = (issue: StandardSchemaV1.Issue) =>
  (issue.path ?? []).map((segment) => {
    const key = typeof segment === "object" ? segment.key : segment;
    return typeof key === "number" ? key : String(key);
  });

/**
 * zod validation that also documents the route in OpenAPI (hono-openapi reads the schema) and reports
 * failures as the contract's 400 with every issue listed.
 */
export function valid<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      throw invalid(
        "invalid_request",
        MESSAGES[target] ?? "The request is not valid.",
        result.error.map((issue) => ({ path: pathOf(issue), message: issue.message })),
      );
    }
  });
}
