/**
 * The server's API as a type, for `hono/client`: type-only, so nothing of the server reaches a bundle.
 *
 * Importing it type-checks the server's modules under the extension's settings too. Two things make that
 * work without bending those settings: the server's pages name `hono/jsx` as their JSX source in a
 * pragma (the extension compiles JSX for Preact), and nothing on the API's type path needs Node's globals,
 * so `types` stays empty here and no Node type can slip into extension code.
 */
import type { hc } from "hono/client";
import type { AppType } from "../../server/app";

export type { AppType };
export type ApiClient = ReturnType<typeof hc<AppType>>;
