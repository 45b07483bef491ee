import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../fixtures/imports", name));

async function upload(token: string, body: Uint8Array | FormData, headers: Record<string, string> = {}, query = "") {
  const res = await fetch(`${server.url}/api/v1/imports${query}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, ...headers },
    body: body instanceof FormData ? body : new Blob([new Uint8Array(body)]),
  });
  return { status: res.status, replayed: res.headers.get("Idempotent-Replayed"), body: (await res.json()) as any };
}

const list = (token: string, query: { limit?: string; cursor?: string } = {}) => reply(server.client(token).api.v1.imports.$get({ query }));

function importsOf(userId: string): number {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM imports WHERE user_id = ?").get(userId) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("the list of a person's imports", () => {
  it("lists only the caller's own imports, newest first, in pages, with their state and counts", async () => {
    const { anna, bram } = net.people;
    const first = (await upload(anna.token, fixture("chrome-bookmarks.html"), { "Content-Type": "text/html" }, "?name=bladwijzers.html")).body.import;
    server.clock.advance(60_000);
    const second = (await upload(anna.token, fixture("pocket.csv"), { "Content-Type": "text/csv" }, "?name=pocket.csv")).body.import;
    server.clock.advance(60_000);
    const third = (await upload(anna.token, fixture("knooppunt.csv"), { "Content-Type": "text/csv" })).body.import;
    await reply(server.client(anna.token).api.v1.imports[":id"].cancel.$post({ param: { id: second.id } }));

    const page1 = await list(anna.token, { limit: "2" });
    expect(page1.status).toBe(200);
    expect(page1.body.imports.map((job) => job.id)).toEqual([third.id, second.id]);
    expect(page1.body.imports[1]).toEqual({
      id: second.id,
      status: "cancelled",
      format: "pocket",
      fileName: "pocket.csv",
      createdAt: second.createdAt,
      finishedAt: new Date(server.clock.now()).toISOString(),
      progress: { total: 2, processed: 0, imported: 0, merged: 0, skipped: 0 },
      circle: null,
      error: null,
      reportUrl: `/api/v1/imports/${second.id}/report.csv`,
      pages: null,
    });
    expect(page1.body.nextCursor).toEqual(expect.any(String));

    const page2 = await list(anna.token, { limit: "2", cursor: page1.body.nextCursor! });
    expect(page2.body.imports.map((job) => [job.id, job.status, job.fileName, job.progress.total])).toEqual([[first.id, "reviewing", "bladwijzers.html", 4]]);
    expect(page2.body.nextCursor).toBeNull();

    // Another person sees none of them, and cannot open one either.
    expect((await list(bram.token)).body).toEqual({ imports: [], nextCursor: null });
    expect((await reply(server.client(bram.token).api.v1.imports[":id"].$get({ param: { id: first.id } }))).status).toBe(404);
  });

  it("refuses a cursor it did not give out and answers 401 without a sign-in", async () => {
    const bad = await list(net.people.chris.token, { cursor: "bm9uc2Vuc2U" });
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe("invalid_cursor");
    const anonymous = await fetch(`${server.url}/api/v1/imports`);
    expect(anonymous.status).toBe(401);
  });
});

describe("an upload sent again with its Idempotency-Key", () => {
  it("answers the first upload again for the same file and makes no second import", async () => {
    const dewi = net.people.dewi;
    const headers = { "Content-Type": "text/html", "Idempotency-Key": "bladwijzers-dewi-1" };
    const first = await upload(dewi.token, fixture("chrome-bookmarks.html"), headers, "?name=bladwijzers.html");
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const again = await upload(dewi.token, fixture("chrome-bookmarks.html"), headers, "?name=bladwijzers.html");
    expect(again.status).toBe(201);
    expect(again.replayed).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(importsOf(dewi.id)).toBe(1);
  });

  it("takes a form sent again with a new boundary as the same upload", async () => {
    const eva = net.people.eva;
    const form = () => {
      const data = new FormData();
      data.append("file", new Blob([fixture("karakeep.json")], { type: "application/json" }), "karakeep-export.json");
      return data;
    };
    const first = await upload(eva.token, form(), { "Idempotency-Key": "karakeep-eva" });
    const again = await upload(eva.token, form(), { "Idempotency-Key": "karakeep-eva" });
    expect(first.status).toBe(201);
    expect(again.replayed).toBe("true");
    expect(again.body.import.id).toBe(first.body.import.id);
    expect(importsOf(eva.id)).toBe(1);
  });

  it("refuses the same key with another file, as every idempotent route does, and imports nothing for it", async () => {
    const chris = net.people.chris;
    const headers = { "Content-Type": "text/csv", "Idempotency-Key": "export-chris" };
    const first = await upload(chris.token, fixture("pocket.csv"), headers);
    expect(first.status).toBe(201);
    const other = await upload(chris.token, fixture("raindrop.csv"), headers);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    expect(importsOf(chris.id)).toBe(1);
    // A refused upload keeps no key: a corrected retry under a new key runs.
    const bad = await upload(chris.token, new Uint8Array(0), { "Content-Type": "text/csv", "Idempotency-Key": "leeg-chris" });
    expect(bad.status).toBe(400);
    const retried = await upload(chris.token, fixture("raindrop.csv"), { "Content-Type": "text/csv", "Idempotency-Key": "leeg-chris" });
    expect(retried.status).toBe(201);
    expect(retried.replayed).toBeNull();
    expect(importsOf(chris.id)).toBe(2);
  });
});
