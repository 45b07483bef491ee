import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { healthAnswersDuring } from "../support/answers-during";
import { addBulkSaves } from "../support/bulk-library";
import { startTestServer } from "../support/server";
import { START_FLAGS } from "../support/start-flags";

// The server as `npm start` runs it: the bundle the tests' global setup built (server/cli/build.ts) on plain
// node, with the flags of package.json's start script. Started once; each test reads from it.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUNDLE = join(ROOT, ".output/server/start.js");

let child: ChildProcess;
let dir: string;
let url: string;
let output = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-built-"));
  // From another working directory: the bundle must find its migrations and the web app by its own address.
  child = spawn(process.execPath, [...START_FLAGS, BUNDLE], {
    cwd: dir,
    env: { ...process.env, PORT: "0", DATABASE_PATH: join(dir, "k.db"), KNOOPPUNT_DEMO: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const check = () => /Ctrl\+C/.test(output) && resolve();
    child.stdout!.on("data", check);
    child.on("exit", (code) => reject(new Error(`the built server exited with ${code}:\n${output}`)));
  });
  url = /API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(output)![1]!;
});

afterAll(() => {
  child?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the production build of the server", () => {
  it("starts with the flags of npm start and answers /healthz", async () => {
    expect(START_FLAGS).toEqual(["--enable-source-maps", "--max-semi-space-size=2", "--optimize-for-size"]);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });

  it("migrates a new database from the migrations beside the source and seeds the demo network", async () => {
    expect(output).toMatch(/Demo-aanmeldingen \/ demo sign-ins \(demo network created\)/);
    const themes = await (await fetch(`${url}/api/v1/themes`)).json();
    expect(themes.themes.find((t: { slug: string }) => t.slug === "nt2")?.slug).toBe("nt2");
  });

  it("seeds the same themes, slugs and all, as the TypeScript it was built from", async () => {
    // Slugs strip diacritics with regular expressions that the build rewrites to plain ASCII escapes.
    const reference = await startTestServer();
    try {
      const fromSource = await reference.api("GET", "/api/v1/themes");
      const built = await (await fetch(`${url}/api/v1/themes`)).json();
      expect(built).toEqual(fromSource.body);
    } finally {
      await reference.stop();
    }
  });

  it("serves the home page, the sign-in page, the web app and its assets", async () => {
    const home = await fetch(`${url}/`, { headers: { "Accept-Language": "nl" } });
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    const app = await fetch(`${url}/app`);
    expect(app.status).toBe(200);
    const page = await app.text();
    expect(page).toBe(readFileSync(join(ROOT, ".output/web/index.html"), "utf8"));
    const script = /src="(\/app\/[^"]+\.js)"/.exec(page)![1]!;
    const asset = await fetch(`${url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("serves a theme's feed with the demo items in it", async () => {
    const feed = await fetch(`${url}/feeds/themes/nt2.json`);
    expect(feed.status).toBe(200);
    const body = await feed.json();
    expect(body.version).toBe("https://jsonfeed.org/version/1.1");
    expect(body.title).toBe("Knooppunt — NT2 (Nederlands als tweede taal)");
    expect(body.items.map((i: { title: string }) => i.title)).toEqual([
      "Wat werkt bij onderwijs aan nieuwkomers? Een kennisoverzicht",
      "Zachte landing: ideeën voor de eerste zes weken van een nieuwkomer in je klas",
    ]);
  });

  it("serves the OpenAPI document the build wrote beside the bundle, the same bytes at every request", async () => {
    const written = readFileSync(join(ROOT, ".output/server/openapi.json"), "utf8");
    for (let i = 0; i < 2; i++) {
      const doc = await fetch(`${url}/api/v1/openapi.json`);
      expect(doc.status).toBe(200);
      expect(doc.headers.get("content-type")).toBe("application/json");
      expect(await doc.text()).toBe(written);
    }
    expect(JSON.parse(written).info.title).toBe("Knooppunt API");
  });

  it("counts facets that walk a large library on its counting thread, started from the bundle's own file", async () => {
    // 25,000 more saves, written beside the running server: over facets.ts `offThread`'s 20,000, so a filter
    // without a query (a walk over every save) is counted on the thread.
    const library = new Database(join(dir, "k.db"));
    try {
      library.pragma("busy_timeout = 5000");
      const someone = library.prepare("SELECT id FROM users ORDER BY id LIMIT 1").pluck().get() as string;
      addBulkSaves(library, someone, 25_000, new Date().toISOString());
    } finally {
      library.close();
    }
    const facets = (query: string) => fetch(`${url}/api/v1/items/facets?${query}`).then(async (r) => ({ status: r.status, body: await r.json() }));
    const list = (query: string) => fetch(`${url}/api/v1/items?${query}&total=1&limit=1`).then((r) => r.json());
    const warm = await facets("theme=nt2");
    expect(warm.status).toBe(200);
    expect(warm.body.total).toBe((await list("theme=nt2")).total);

    const { answered, result } = await healthAnswersDuring(url, facets("theme=meertaligheid"));
    const { status, body } = result;
    expect(status).toBe(200);
    expect(body.total).toBe((await list("theme=meertaligheid")).total);
    expect(answered).toBeGreaterThanOrEqual(3);
    // Had the thread failed, the counts would have come from the server's thread, and the log would say so.
    expect(output).not.toContain("counting thread");
  });

  it("maps the bundle's lines back to the TypeScript source for stack traces", () => {
    const bundle = readFileSync(BUNDLE, "utf8").split("\n");
    expect(bundle.at(-2)).toBe("//# sourceMappingURL=start.js.map");
    const map = new SourceMap(JSON.parse(readFileSync(`${BUNDLE}.map`, "utf8")));
    const line = bundle.findIndex((l) => l.includes('"Knooppunt draait / is running"'));
    const column = bundle[line]!.indexOf('"Knooppunt draait');
    const source = readFileSync(join(ROOT, "server/cli/start.ts"), "utf8").split("\n");
    const entry = map.findEntry(line, column) as { originalSource: string; originalLine: number };
    expect(entry.originalSource).toBe("../../server/cli/start.ts");
    expect(entry.originalLine).toBe(source.findIndex((l) => l.includes('"Knooppunt draait / is running"')));
  });
});
