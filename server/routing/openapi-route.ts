import type { Context } from "hono";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The file server/cli/build.ts writes beside the bundled server. */
export const OPENAPI_FILE = "openapi.json";

// In the bundle this is .output/server/; under tsx (npm run dev, the tests) it is this source folder,
// where no such file is, and the document is made in the process on first request instead.
const prebuilt = join(import.meta.dirname ?? ".", OPENAPI_FILE);
// Read once and kept as bytes outside the JavaScript heap (0.4 MB): reading the file as a string at every
// request left 0.4 MB strings for the collector each time, which the lean-server bench saw as resident
// memory after its mixed requests.
let document: Promise<Uint8Array<ArrayBuffer>> | undefined;

/** GET /api/v1/openapi.json */
export async function serveOpenApiDocument(c: Context) {
  document ??= readFile(prebuilt).catch(() =>
    import("./openapi-document").then(async (m) => new TextEncoder().encode(JSON.stringify(await m.buildOpenApiDocument()))),
  );
  return c.body(await document, 200, { "Content-Type": "application/json" });
}
