/**
 * A web site on 127.0.0.1 whose every answer a test scripts, and which counts what it was asked and what
 * it managed to write: the page-facts tests prove what the server did NOT fetch by what this site saw.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SiteRequest {
  path: string;
  headers: IncomingMessage["headers"];
}

export interface Site {
  origin: string;
  url(path: string): string;
  requests: SiteRequest[];
  /** Body bytes the site handed to the connection, and whether a streamed body was written to its end. */
  written: { bytes: number; finished: boolean; closedEarly: boolean };
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, site: Site) => void | Promise<void>;

export async function startSite(routes: Record<string, Handler>, host = "127.0.0.1"): Promise<Site> {
  const sockets = new Set<import("node:net").Socket>();
  const site: Site = {
    origin: "",
    url: (path) => `${site.origin}${path}`,
    requests: [],
    written: { bytes: 0, finished: false, closedEarly: false },
    close: () =>
      new Promise<void>((done) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => done());
      }),
  };
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    site.requests.push({ path, headers: req.headers });
    const handler = routes[path.split("?")[0]!];
    if (!handler) return void res.writeHead(404, { "Content-Type": "text/plain" }).end("niet gevonden");
    void handler(req, res, site);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const { port } = server.address() as AddressInfo;
  site.origin = `http://${host}:${port}`;
  return site;
}

/**
 * Streams `total` bytes of HTML in 64 KiB pieces, waiting for the connection to take each one, so
 * `site.written.bytes` is what really left (up to the socket's buffers), and stops when the client hangs up.
 */
export async function streamHtml(res: ServerResponse, site: Site, total: number, headers: Record<string, string> = {}) {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...headers });
  let closed = false;
  const hungUp = new Promise<void>((done) => res.on("close", () => ((closed = true), done())));
  const piece = Buffer.from(`<p>${"Leraren delen wat werkt. ".repeat(2600)}</p>`.slice(0, 64 * 1024));
  res.write("<!DOCTYPE html><html><head><title>Eindeloos</title></head><body>");
  while (site.written.bytes < total) {
    if (closed) {
      site.written.closedEarly = true;
      return;
    }
    const room = res.write(piece);
    site.written.bytes += piece.length;
    if (!room) await Promise.race([new Promise<void>((done) => res.once("drain", done)), hungUp]);
  }
  res.end("</body></html>");
  site.written.finished = true;
}
