/**
 * The benchmark's server process: the real `startServer` on 127.0.0.1 (port 0, no demo) over the
 * benchmark database, plus one trivial Hono JSON route as the throughput baseline and one that reports how
 * many clips shared each commit. Prints one JSON line
 * `{"url": …, "pid": …}` on stdout when listening; stops on SIGTERM/SIGINT or when its parent closes stdin.
 *
 *   node --import tsx tests/bench/bench-server.ts <database path>
 */
import { startServer } from "../../server/server";

const databasePath = process.argv[2];
if (!databasePath) {
  console.error("usage: bench-server.ts <database path>");
  process.exit(2);
}

const server = await startServer({
  port: 0,
  host: "127.0.0.1",
  databasePath,
  publicUrl: null,
  admin: null,
  demo: false,
  trustProxy: false,
  webhookAllowHosts: [],
  extend: (app, deps) => {
    app.post("/bench/echo", (c) => c.json({ ok: true }));
    app.get("/bench/commits", (c) => c.json(deps.writes.stats));
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code), 5000);
  force.unref();
  try {
    await server.close();
  } finally {
    process.exit(code);
  }
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
// If the benchmark dies without stopping us, its end of the pipe closes: stop too.
process.stdin.on("end", () => void stop(0));
process.stdin.on("close", () => void stop(0));
process.stdin.resume();

process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
