import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (what the signature covers). */
  body: string;
  json: any;
  /** When the body had arrived (Date.now()), for tests that measure how long a delivery took. */
  at: number;
}

export interface ScriptedResponse {
  status: number;
  /** Never answer: the request hangs until the sender gives up or the receiver closes. */
  hang?: boolean;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A webhook receiver on 127.0.0.1 for tests. By default it answers 200; `failNext` queues other
 * answers (or none: `hang`), `down()` stops listening (connections are refused) and `up()` listens
 * again on the same port.
 */
export interface Receiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /**
   * The next `count` requests (to `path`, when given) get this answer; later calls queue behind earlier
   * ones. Requests without a scripted answer get 200.
   */
  failNext(count: number, response: ScriptedResponse, path?: string): void;
  /** Forgets scripted answers that were not used. */
  reset(): void;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resolves once `count` requests have arrived in total; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const scripted: (ScriptedResponse & { path?: string })[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // Not JSON: the test will notice.
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, json, at: Date.now() });
      const index = scripted.findIndex((s) => s.path === undefined || s.path === req.url);
      const answer = index >= 0 ? scripted.splice(index, 1)[0]! : { status: 200, body: "ok" };
      if (!answer.hang) {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? "");
      }
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;

  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    failNext(count, response, path) {
      for (let n = 0; n < count; n++) scripted.push({ ...response, path });
    },
    reset() {
      scripted.length = 0;
    },
    down: close,
    up: () => listen(port),
    waitFor(count, timeoutMs = 8000) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${requests.length} requests, expected ${count}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests);
          },
        });
      });
    },
    close,
  };
}
