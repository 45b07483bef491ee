import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const v1 = (token: string) => server.client(token).api.v1;

function read<T>(query: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A save as the database holds it, without what differs by nature between two saves of two addresses. */
function saveRow(url: string) {
  const [row] = read<Record<string, unknown>>(
    `SELECT s.*, i.url AS item_url FROM saves s JOIN items i ON i.seq = s.item_seq WHERE s.url = ?`,
    url,
  );
  const { seq, item_seq, url: _url, item_url, created_at, updated_at, ...rest } = row!;
  const tags = read<{ tag: string }>(`SELECT tag FROM save_tags WHERE save_seq = ? ORDER BY tag`, seq).map((r) => r.tag);
  const themes = read<{ theme: string }>(`SELECT theme FROM save_themes WHERE save_seq = ? ORDER BY theme`, seq).map((r) => r.theme);
  return { row: rest, tags, themes, itemUrlIsSaveUrl: item_url === _url };
}

const feedVersion = (scope: string) => read<{ version: number }>(`SELECT version FROM feed_versions WHERE scope = ?`, scope)[0]?.version ?? 0;
const findable = (seq: number, words: string) => read<{ rowid: number }>(`SELECT rowid FROM saves_fts WHERE saves_fts MATCH ?`, words).filter((r) => r.rowid === seq).length;
const seqOf = (url: string) => read<{ seq: number }>(`SELECT seq FROM saves WHERE url = ?`, url)[0]!.seq;

async function importAndWait(token: string, html: string, start: Record<string, unknown>) {
  const res = await fetch(`${server.url}/api/v1/imports`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/html" }, body: html });
  const id = ((await res.json()) as { import: { id: string } }).import.id;
  await reply(v1(token).imports[":id"].start.$post({ param: { id }, json: start }));
  for (let i = 0; i < 400; i++) {
    const job = (await reply(v1(token).imports[":id"].$get({ param: { id } }))).body.import;
    if (job.status !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the import did not end");
}

describe("an imported save", () => {
  it("holds the same fields, labels, search row and feed change as the same link clipped by hand", async () => {
    const anna = net.people.anna;
    const clipped = "https://www.meertaligheid.nl/bulk/met-de-hand";
    const imported = "https://www.meertaligheid.nl/bulk/uit-bladwijzers";
    const scope = "theme:meertaligheid:network";

    const beforeClip = feedVersion(scope);
    const clip = await reply(
      v1(anna.token).items.$post({
        json: { url: clipped, title: "Thuistaal als bron", tags: ["lezen", "taal"], themes: ["meertaligheid"], note: "Voor de sectie NT2", visibility: "network" },
      }),
    );
    expect(clip.status).toBe(201);
    const clipBump = feedVersion(scope) - beforeClip;

    const beforeImport = feedVersion(scope);
    const job = await importAndWait(
      anna.token,
      `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="${imported}" ADD_DATE="1700000000" TAGS="lezen,taal">Thuistaal als bron</A>\n<DD>Voor de sectie NT2\n</DL>\n`,
      { visibility: "network", themes: { lezen: ["meertaligheid"] } },
    );
    expect(job.status).toBe("done");
    expect(job.progress).toEqual({ total: 1, processed: 1, imported: 1, merged: 0, skipped: 0 });
    const importBump = feedVersion(scope) - beforeImport;

    const byHand = saveRow(clipped);
    const byImport = saveRow(imported);
    expect(byImport).toEqual(byHand);
    expect(byImport.tags).toEqual(["lezen", "taal"]);
    expect(byImport.themes).toEqual(["meertaligheid"]);
    expect(byImport.row.visibility).toBe("network");
    expect(importBump).toBe(clipBump);
    // One bump, by the theme's row: the save is written with its themes, not updated with them afterwards.
    expect(importBump).toBe(1);
    // Dated as the browser bookmarked it.
    expect(read<{ created_at: string }>(`SELECT created_at FROM saves WHERE url = ?`, imported)[0]!.created_at).toBe("2023-11-14T22:13:20.000Z");

    // Findable alike: by the note, a tag, the theme's name and the site's host.
    for (const words of ["sectie", "taal", "meertaligheid", "\"meertaligheid.nl\""]) {
      expect([words, findable(seqOf(imported), words)]).toEqual([words, findable(seqOf(clipped), words)]);
      expect([words, findable(seqOf(imported), words)]).toEqual([words, 1]);
    }
    expect(read<{ n: number }>(`SELECT count(*) AS n FROM items WHERE url_key LIKE '%meertaligheid.nl/bulk/%'`)[0]!.n).toBe(2);
  });

  it("joins an item someone else saved, reporting a merge, and keeps a link the person saved before as it was", async () => {
    const bram = net.people.bram;
    const anna = net.people.anna;
    const shared = "https://www.nt2.nl/bulk/gedeeld";
    const own = "https://www.nt2.nl/bulk/eigen";
    await reply(v1(anna.token).items.$post({ json: { url: shared, title: "Gedeeld door Anna", visibility: "network" } }));
    await reply(v1(bram.token).items.$post({ json: { url: own, title: "Mijn eigen titel", note: "mijn notitie" } }));

    const job = await importAndWait(
      bram.token,
      `<DL><p>\n<DT><A HREF="${shared}">Uit de bladwijzers</A>\n<DT><A HREF="${own}">Andere titel</A>\n<DD>andere notitie\n<DT><A HREF="https://www.nt2.nl/bulk/nieuw">Nieuw</A>\n</DL>\n`,
      {},
    );
    expect(job.progress).toEqual({ total: 3, processed: 3, imported: 1, merged: 2, skipped: 0 });
    const sharedSaves = read<{ user_id: string; title: string; visibility: string }>(
      `SELECT s.user_id, s.title, s.visibility FROM saves s JOIN items i ON i.seq = s.item_seq WHERE i.url_key = (SELECT url_key FROM items WHERE url = ?) ORDER BY s.seq`,
      shared,
    );
    expect(sharedSaves).toEqual([
      { user_id: anna.id, title: "Gedeeld door Anna", visibility: "network" },
      { user_id: bram.id, title: "Uit de bladwijzers", visibility: "private" },
    ]);
    expect(read<{ title: string; note: string }>(`SELECT title, note FROM saves WHERE url = ? AND user_id = ?`, own, bram.id)).toEqual([{ title: "Mijn eigen titel", note: "mijn notitie" }]);
  });
});
