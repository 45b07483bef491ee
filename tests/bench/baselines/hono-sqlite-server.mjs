/**
 * The memory floor of the lean-server benchmark: Hono on @hono/node-server with better-sqlite3 and one
 * route that reads the database, nothing else. Plain JavaScript, run with `node` as the built server is.
 * Listens on 127.0.0.1 at PORT (any free port without it); prints `{"url": …, "pid": …}` when listening.
 *
 *   node tests/bench/baselines/hono-sqlite-server.mjs <database path>
 */
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";

const sqlite = new Database(process.argv[2] ?? ":memory:");
sqlite.pragma("journal_mode = WAL");
const ping = sqlite.prepare("SELECT 1 AS ok");
const app = new Hono();
app.get("/healthz", (c) => c.json({ ok: ping.get().ok === 1 }));
app.get("/*", (c) => c.json({ ok: true, path: c.req.path }));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, pid: process.pid })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
