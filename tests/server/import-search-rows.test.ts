import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, testClock, type TestServer } from "../support/server";

const dir = mkdtempSync(join(tmpdir(), "knooppunt-import-search-"));
const clock = testClock();
let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const LINKS = 40;
const bookmarks = (word: string) =>
  `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${Array.from({ length: LINKS }, (_, i) => `<DT><A HREF="https://www.lowan.nl/${word}/${i + 1}" ADD_DATE="1700000000">Over ${word} ${i + 1}</A>`).join("\n")}\n</DL>`;

/** Search rows matching a word, and how many distinct saves they are: a save indexed twice shows as more rows than saves. */
function searchRows(word: string) {
  const db = new Database(join(dir, "knooppunt.db"), { readonly: true });
  try {
    return db.prepare("SELECT count(*) AS rows, count(DISTINCT rowid) AS saves FROM saves_fts WHERE saves_fts MATCH ?").get(word) as { rows: number; saves: number };
  } finally {
    db.close();
  }
}

function savedCount(word: string) {
  const db = new Database(join(dir, "knooppunt.db"), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM saves WHERE url LIKE ?").get(`https://www.lowan.nl/${word}/%`) as { n: number }).n;
  } finally {
    db.close();
  }
}

async function job(s: TestServer, token: string, id: string) {
  return (await s.api("GET", `/api/v1/imports/${id}`, { token })).body.import;
}

async function upload(s: TestServer, token: string, word: string) {
  const uploaded = await s.api("POST", "/api/v1/imports", { token, raw: bookmarks(word), headers: { "Content-Type": "text/html" } });
  expect(uploaded.status).toBe(201);
  const id = uploaded.body.import.id as string;
  await s.api("POST", `/api/v1/imports/${id}/start`, { token, body: {} });
  return id;
}

async function whileRunning(s: TestServer, token: string, id: string, until: (progress: { processed: number }) => boolean = () => false) {
  let current = await job(s, token, id);
  while (current.status === "running" && !until(current.progress)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    current = await job(s, token, id);
  }
  return current;
}

const login = async (s: TestServer) =>
  (await s.api("POST", "/api/v1/auth/login", { body: { email: "beheer@test.knooppunt.nl", password: "beheer-wachtwoord-1" } })).body.token as string;

describe("the search rows of an import", () => {
  it("are all written once the import is done, so a search finds every imported link", async () => {
    server = await startTestServer({ dir, clock, jobs: { pollIntervalMs: 50 } });
    const token = server.adminToken;
    const id = await upload(server, token, "kleuterklas");
    const done = await whileRunning(server, token, id);
    expect(done.status).toBe("done");
    expect(searchRows("kleuterklas")).toEqual({ rows: LINKS, saves: LINKS });
    const found = await server.api("GET", "/api/v1/items?q=kleuterklas&limit=50", { token });
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBe(LINKS);
    await server.stop();
    server = undefined;
  });

  it("are written for every link a job saved before a restart, each exactly once, when the job resumes", async () => {
    // Slowed down (five links a batch, a pause between) so the server can be stopped in the middle.
    server = await startTestServer({ dir, clock, jobs: { pollIntervalMs: 50, importBatchSize: 5, importPauseMs: 150 } });
    const token = await login(server);
    const id = await upload(server, token, "taalklas");
    await whileRunning(server, token, id, (progress) => progress.processed >= 10);
    await server.stop();
    server = undefined;

    // Stopped mid-way: the links it saved are there, their search rows still owed (written a thousand at a time).
    const saved = savedCount("taalklas");
    expect(saved % 5).toBe(0);
    expect(saved).toBeGreaterThanOrEqual(10);
    expect(saved).toBeLessThan(LINKS);
    expect(searchRows("taalklas")).toEqual({ rows: 0, saves: 0 });

    server = await startTestServer({ dir, clock, jobs: { pollIntervalMs: 50 } });
    const token2 = await login(server);
    const resumed = await whileRunning(server, token2, id);
    expect(resumed.status).toBe("done");
    expect(resumed.progress).toEqual({ total: LINKS, processed: LINKS, imported: LINKS, merged: 0, skipped: 0 });
    expect(searchRows("taalklas")).toEqual({ rows: LINKS, saves: LINKS });
    const found = await server.api("GET", "/api/v1/items?q=taalklas&limit=50", { token: token2 });
    expect(found.body.items.length).toBe(LINKS);
    await server.stop();
    server = undefined;
  });

  it("are written for what a cancelled import saved, and for nothing it did not", async () => {
    server = await startTestServer({ dir, clock, jobs: { pollIntervalMs: 50, importBatchSize: 5, importPauseMs: 150 } });
    const token = await login(server);
    const id = await upload(server, token, "rekenles");
    await whileRunning(server, token, id, (progress) => progress.processed >= 10);
    const cancelled = await server.api("POST", `/api/v1/imports/${id}/cancel`, { token });
    expect(cancelled.status).toBe(200);
    const imported = cancelled.body.import.progress.imported as number;
    expect(imported).toBeGreaterThanOrEqual(10);
    expect(imported).toBeLessThan(LINKS);
    // Give the worker time to notice the cancel; it must not add a row the cancel already wrote.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(savedCount("rekenles")).toBe(imported);
    expect(searchRows("rekenles")).toEqual({ rows: imported, saves: imported });
  });
});
