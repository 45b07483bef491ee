/**
 * The lowest floor of the lean-server benchmark: node:http answering JSON, no framework, no database.
 * Listens on 127.0.0.1 at PORT (any free port without it); prints `{"url": …, "pid": …}` when listening.
 *
 *   node tests/bench/baselines/node-http-server.mjs
 */
import { createServer } from "node:http";

const server = createServer((req, res) => {
  const body = JSON.stringify({ ok: true, path: req.url });
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}`, pid: process.pid })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
