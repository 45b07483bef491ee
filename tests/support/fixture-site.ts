import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";

const PAGES = resolve("tests/fixtures/pages");

/** Serves the fixture pages on 127.0.0.1, as a teacher's browser would find them on the web. */
export async function startFixtureSite() {
  const server = createServer((req, res) => {
    const name = (req.url ?? "/").split("?")[0]!.replace(/^\/+/, "");
    if (!/^[\w-]+\.html$/.test(name)) {
      res.writeHead(404).end("not found");
      return;
    }
    try {
      const html = readFileSync(join(PAGES, name));
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page: string) => `http://127.0.0.1:${port}/${page}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
