import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, testClock, type TestServer } from "../support/server";

const dir = mkdtempSync(join(tmpdir(), "knooppunt-import-resume-"));
const clock = testClock();
let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const LINKS = 40;
const bookmarks = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${Array.from({ length: LINKS }, (_, i) => `<DT><A HREF="https://www.lowan.nl/artikel/${i + 1}" ADD_DATE="1700000000">Artikel ${i + 1}</A>`).join("\n")}\n</DL>`;

async function job(s: TestServer, token: string, id: string) {
  return (await s.api("GET", `/api/v1/imports/${id}`, { token })).body.import;
}

describe("an import across a restart", () => {
  it("resumes where it stopped and finishes exactly once, with no link saved twice", async () => {
    // Slowed down (five links a batch, a pause between) so the server can be stopped in the middle.
    server = await startTestServer({ dir, clock, jobs: { pollIntervalMs: 50, importBatchSize: 5, importPauseMs: 150 } });
    const token = server.adminToken;
    const uploaded = await server.api("POST", "/api/v1/imports", { token, raw: bookmarks, headers: { "Content-Type": "text/html" } });
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.import.id as string;
    await server.api("POST", `/api/v1/imports/${id}/start`, { token, body: {} });
    let progress = (await job(server, token, id)).progress;
    while (progress.processed < 10) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      progress = (await job(server, token, id)).progress;
    }
    await server.stop();
    server = undefined;

    const db = new Database(join(dir, "knooppunt.db"), { readonly: true });
    const stopped = db.prepare("SELECT status, processed, imported FROM imports WHERE id = ?").get(id) as { status: string; processed: number; imported: number };
    db.close();
    expect(stopped.status).toBe("running");
    expect(stopped.processed).toBe(stopped.imported);
    expect(stopped.processed % 5).toBe(0);
    expect(stopped.processed).toBeLessThan(LINKS);

    server = await startTestServer({ dir, clock, jobs: { pollIntervalMs: 50 } });
    const token2 = (await server.api("POST", "/api/v1/auth/login", { body: { email: "beheer@test.knooppunt.nl", password: "beheer-wachtwoord-1" } })).body.token as string;
    let resumed = await job(server, token2, id);
    while (resumed.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 20));
      resumed = await job(server, token2, id);
    }
    expect(resumed.status).toBe("done");
    expect(resumed.progress).toEqual({ total: LINKS, processed: LINKS, imported: LINKS, merged: 0, skipped: 0 });

    const after = new Database(join(dir, "knooppunt.db"), { readonly: true });
    const saves = after.prepare("SELECT count(*) AS n, count(DISTINCT item_seq) AS items FROM saves").get();
    const outcomes = after.prepare("SELECT outcome, count(*) AS n FROM import_entries WHERE import_id = ? GROUP BY outcome").all(id);
    after.close();
    expect(saves).toEqual({ n: LINKS, items: LINKS });
    expect(outcomes).toEqual([{ outcome: "imported", n: LINKS }]);
  });
});
