import type { Context } from "hono";

/** The upload is a file, not JSON, and larger than other bodies: the API's JSON and size rules skip it. */
export const isImportUpload = (c: Context) => c.req.method === "POST" && /\/api\/v1\/imports\/?$/.test(c.req.path);
