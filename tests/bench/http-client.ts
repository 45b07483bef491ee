/**
 * A small keep-alive HTTP/1.1 client on node:http for the benchmark: lighter than fetch, so less of the
 * two cores goes to the client, and the same code path for both sides of every comparison.
 * Only ever talks to 127.0.0.1.
 */
import http from "node:http";

export interface Response {
  status: number;
  text: string;
  /** From sending the request to the last byte of the body, in ms. */
  ms: number;
}

export class LocalClient {
  readonly port: number;
  private readonly agent: http.Agent;

  constructor(baseUrl: string, maxSockets: number) {
    const url = new URL(baseUrl);
    if (url.hostname !== "127.0.0.1" || url.protocol !== "http:") throw new Error(`refusing to benchmark a non-local server: ${baseUrl}`);
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(
    method: string,
    path: string,
    options: { body?: string; token?: string; timeoutMs?: number; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string | number> = { Accept: "application/json", ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = Buffer.byteLength(options.body);
    }
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        { host: "127.0.0.1", port: this.port, method, path, headers, agent: this.agent, timeout: options.timeoutMs ?? 60_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within ${options.timeoutMs ?? 60_000} ms`)));
      req.on("error", reject);
      req.end(options.body);
    });
  }

  close() {
    this.agent.destroy();
  }
}
