import type { Context } from "hono";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The file server/cli/build.ts writes beside the bundled server. */
export const OPENAPI_FILE = "openapi.json";

// In the bundle this is .output/server/; under tsx (npm run dev, the tests) it is this source folder,
// where no such file is, and the document is made in the process on first request instead.
const prebuilt = join(import.meta.dirname ?? ".", OPENAPI_FILE);
let made: Promise<string> | undefined;

/** GET /api/v1/openapi.json */
export async function serveOpenApiDocument(c: Context) {
  const text = await readFile(prebuilt, "utf8").catch(
    () => (made ??= import("./openapi-document").then(async (m) => JSON.stringify(await m.buildOpenApiDocument()))),
  );
  return c.body(text, 200, { "Content-Type": "application/json" });
}
