import Database from "better-sqlite3";
import { request } from "node:http";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const FIXTURES = join(import.meta.dirname, "../fixtures/imports");
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

async function upload(token: string, bytes: Uint8Array | string, contentType: string, query = "") {
  const body = typeof bytes === "string" ? bytes : new Blob([new Uint8Array(bytes)]);
  const res = await fetch(`${server.url}/api/v1/imports${query}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType }, body });
  return { status: res.status, body: (await res.json()) as any };
}

const v1 = (token: string) => server.client(token).api.v1;
const getImport = (token: string, id: string) => reply(v1(token).imports[":id"].$get({ param: { id } }));

async function untilEnded(token: string, id: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await getImport(token, id)).body.import;
    if (job.status !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the import did not end");
}

async function report(token: string, id: string) {
  const res = await fetch(`${server.url}/api/v1/imports/${id}/report.csv`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get("Content-Type"), text: await res.text() };
}

function rowCount(table: string): number {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("importing browser bookmarks", () => {
  it("shows what it found before saving anything: folders, tags with suggested themes, kinds, what is skipped and why", async () => {
    const anna = net.people.anna;
    const uploaded = await upload(anna.token, fixture("chrome-bookmarks.html"), "text/html", "?name=bladwijzers.html");
    expect(uploaded.status).toBe(201);
    const job = uploaded.body.import;
    expect(job.status).toBe("reviewing");
    expect(job.format).toBe("netscape");
    expect(job.fileName).toBe("bladwijzers.html");
    expect(job.progress).toEqual({ total: 4, processed: 0, imported: 0, merged: 0, skipped: 0 });
    expect(job.circle).toBeNull();
    expect(job.reportUrl).toBe(`/api/v1/imports/${job.id}/report.csv`);
    expect(job.review).toEqual({
      links: 4,
      importable: 3,
      alreadySaved: 0,
      duplicatesInFile: 0,
      skipped: { javascript: 1 },
      folders: [
        { path: ["Bladwijzerbalk"], links: 1 },
        { path: ["Bladwijzerbalk", "Meertaligheid"], links: 1 },
        { path: ["Andere bladwijzers"], links: 1 },
      ],
      labels: [
        { label: "Bladwijzerbalk", source: "folder", links: 2, themes: [] },
        { label: "Meertaligheid", source: "folder", links: 1, themes: ["meertaligheid"] },
        { label: "Andere bladwijzers", source: "folder", links: 1, themes: [] },
      ],
      kinds: { artikel: 2, kennisclip: 1 },
      sample: [
        { url: "https://www.nt2.nl/nl/dossiers/alfabetisering", title: "Alfabetisering in de NT2-les", folder: ["Bladwijzerbalk"], kind: "artikel" },
        {
          url: "https://www.meertaligheid.nl/thuistaal-in-de-klas?utm_source=nieuwsbrief",
          title: "Thuistaal in de klas & op het plein",
          folder: ["Bladwijzerbalk", "Meertaligheid"],
          kind: "artikel",
        },
        { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", title: "Kennisclip: zachte landing", folder: ["Andere bladwijzers"], kind: "kennisclip" },
      ],
      filesToUpload: [],
    });
    const mine = await reply(v1(anna.token).items.$get({ query: { savedBy: "me" } }));
    expect(mine.body.items).toEqual([]);

    const cannotSee = await getImport(net.people.bram.token, job.id);
    expect(cannotSee.status).toBe(404);
  });

  it("imports in the background into a private circle with the confirmed themes, and reports every link as CSV", async () => {
    const bram = net.people.bram;
    const job = (await upload(bram.token, fixture("chrome-bookmarks.html"), "text/html")).body.import;
    const started = await reply(v1(bram.token).imports[":id"].start.$post({ param: { id: job.id }, json: { themes: { "Andere bladwijzers": ["zachte-landing"] } } }));
    expect(started.status).toBe(200);
    // Private, the smallest circle; the school is remembered as for any save, for when the person widens it later.
    expect(started.body.import.circle).toEqual({ visibility: "private", schoolId: net.schoolA.id, communityId: null });
    const ended = await untilEnded(bram.token, job.id);
    expect(ended.status).toBe("done");
    expect(ended.progress).toEqual({ total: 4, processed: 4, imported: 3, merged: 0, skipped: 1 });

    const saved = (await reply(v1(bram.token).items.$get({ query: { savedBy: "me", sort: "recent" } }))).body.items;
    const byUrl = Object.fromEntries(saved.map((item) => [item.url, item]));
    expect(Object.keys(byUrl).sort()).toEqual([
      "https://www.meertaligheid.nl/thuistaal-in-de-klas",
      "https://www.nt2.nl/nl/dossiers/alfabetisering",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ]);
    const thuistaal = byUrl["https://www.meertaligheid.nl/thuistaal-in-de-klas"]!;
    expect(thuistaal.title).toBe("Thuistaal in de klas & op het plein");
    expect(thuistaal.themes).toEqual(["meertaligheid"]);
    expect(thuistaal.tags).toEqual(["bladwijzerbalk", "meertaligheid"]);
    expect(thuistaal.mySave?.visibility).toBe("private");
    expect(byUrl["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]!.kind).toBe("kennisclip");
    expect(byUrl["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]!.themes).toEqual(["zachte-landing"]);
    // Saved when the browser says it was bookmarked, not when the import ran.
    expect(byUrl["https://www.nt2.nl/nl/dossiers/alfabetisering"]!.createdAt).toBe("2023-11-14T22:15:00.000Z");
    // Private: nobody else sees them.
    const annaSees = await reply(v1(net.people.anna.token).items.lookup.$get({ query: { url: "https://www.nt2.nl/nl/dossiers/alfabetisering" } }));
    expect(annaSees.body.item).toBeNull();

    const csv = await report(bram.token, job.id);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe("text/csv; charset=UTF-8");
    const ids = Object.fromEntries(saved.map((item) => [item.url, item.id]));
    expect(csv.text).toBe(
      [
        "position,url,title,folder,outcome,reason,reason_text,item_id,page,page_reason,page_reason_text",
        `1,https://www.nt2.nl/nl/dossiers/alfabetisering,Alfabetisering in de NT2-les,Bladwijzerbalk,imported,,,${ids["https://www.nt2.nl/nl/dossiers/alfabetisering"]},,,`,
        `2,https://www.meertaligheid.nl/thuistaal-in-de-klas?utm_source=nieuwsbrief,Thuistaal in de klas & op het plein,Bladwijzerbalk/Meertaligheid,imported,,,${ids["https://www.meertaligheid.nl/thuistaal-in-de-klas"]},,,`,
        `3,javascript:alert('knooppunt'),Bladwijzerscript,Bladwijzerbalk/Meertaligheid,skipped,javascript,javascript:-link / javascript: link,,,,`,
        `4,https://www.youtube.com/watch?v=dQw4w9WgXcQ,Kennisclip: zachte landing,Andere bladwijzers,imported,,,${ids["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]},,,`,
        "",
      ].join("\r\n"),
    );

    // The same file again: the review knows all three, and the run merges them without touching the saves.
    const again = (await upload(bram.token, fixture("chrome-bookmarks.html"), "text/html")).body.import;
    expect(again.review.alreadySaved).toBe(3);
    await reply(v1(bram.token).imports[":id"].start.$post({ param: { id: again.id }, json: {} }));
    const merged = await untilEnded(bram.token, again.id);
    expect(merged.progress).toEqual({ total: 4, processed: 4, imported: 0, merged: 3, skipped: 1 });
    const after = (await reply(v1(bram.token).items.$get({ query: { savedBy: "me" } }))).body.items;
    expect(after).toHaveLength(3);
    expect(after.find((item) => item.url === "https://www.youtube.com/watch?v=dQw4w9WgXcQ")!.themes).toEqual(["zachte-landing"]);

    const twice = await reply(v1(bram.token).imports[":id"].start.$post({ param: { id: job.id }, json: {} }));
    expect(twice.status).toBe(409);
    expect(twice.error?.code).toBe("import_not_reviewing");
  });

  it("shares an import into a school only when asked, and never into a school the person is not in", async () => {
    const chris = net.people.chris;
    const job = (await upload(chris.token, fixture("pocket.csv"), "text/csv")).body.import;
    const elsewhere = await reply(v1(chris.token).imports[":id"].start.$post({ param: { id: job.id }, json: { visibility: "school", schoolId: net.schoolA.id } }));
    expect(elsewhere.status).toBe(403);
    expect((await getImport(chris.token, job.id)).body.import.status).toBe("reviewing");
    const own = await reply(v1(chris.token).imports[":id"].start.$post({ param: { id: job.id }, json: { visibility: "school" } }));
    expect(own.body.import.circle).toEqual({ visibility: "school", schoolId: net.schoolB.id, communityId: null });
    expect((await untilEnded(chris.token, job.id)).progress).toEqual({ total: 2, processed: 2, imported: 2, merged: 0, skipped: 0 });
    const saved = (await reply(v1(chris.token).items.$get({ query: { savedBy: "me" } }))).body.items;
    expect(saved.map((item) => [item.url, item.tags, item.mySave?.visibility]).sort()).toEqual([
      ["https://www.example.nl/zonder-titel", [], "school"],
      ["https://www.wat-dus-wat-nu.nl/model", ["plg", "reflectie"], "school"],
    ]);
  });

  it("takes a form upload with the format named, and a cancelled import saves nothing more", async () => {
    const eva = net.people.eva;
    const form = new FormData();
    form.append("format", "karakeep");
    form.append("file", new Blob([fixture("karakeep.json")], { type: "application/json" }), "karakeep-export.json");
    const res = await fetch(`${server.url}/api/v1/imports`, { method: "POST", headers: { Authorization: `Bearer ${eva.token}` }, body: form });
    expect(res.status).toBe(201);
    const job = ((await res.json()) as any).import;
    expect(job.fileName).toBe("karakeep-export.json");
    expect(job.review.skipped).toEqual({ missing_url: 1 });
    const cancelled = await reply(v1(eva.token).imports[":id"].cancel.$post({ param: { id: job.id } }));
    expect(cancelled.body.import.status).toBe("cancelled");
    const start = await reply(v1(eva.token).imports[":id"].start.$post({ param: { id: job.id }, json: {} }));
    expect(start.status).toBe(409);
    expect((await reply(v1(eva.token).items.$get({ query: { savedBy: "me" } }))).body.items).toEqual([]);
    expect((await report(eva.token, job.id)).text.split("\r\n")[1]).toBe("1,https://www.example.edu/translanguaging,Translanguaging in de klas,,cancelled,,,,,,");
  });

  it("lists a Teams folder's documents to upload later and imports its shortcuts", async () => {
    const zip = zipSync({
      "NT2/Woordenschat.url": new TextEncoder().encode("[InternetShortcut]\r\nURL=https://www.nt2.nl/woordenschat\r\n"),
      "NT2/Protocol.docx": new Uint8Array(1000),
    });
    const uploaded = await upload(net.people.dewi.token, zip, "application/zip");
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.import.review.filesToUpload).toEqual([{ path: "NT2/Protocol.docx", bytes: 1000 }]);
    expect(uploaded.body.import.review.sample).toEqual([{ url: "https://www.nt2.nl/woordenschat", title: "Woordenschat", folder: ["NT2"], kind: "artikel" }]);
  });
});

describe("hostile uploads", () => {
  const importsStored = () => rowCount("imports") + rowCount("import_entries");

  it("refuses a 200 MB upload from its declared size, before reading it", async () => {
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/imports`, {
        method: "POST",
        headers: { Authorization: `Bearer ${net.people.anna.token}`, "Content-Type": "text/html", "Content-Length": String(200 * 1024 * 1024) },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on("error", reject);
      req.write("<!DOCTYPE NETSCAPE-Bookmark-file-1>");
    });
    expect(answer).toEqual({
      status: 413,
      body: { error: { code: "payload_too_large", message: "Het bestand is groter dan 64 MB; splits het op. / The file is larger than 64 MB; split it." } },
    });
  });

  it("refuses invalid UTF-8, a CSV of ten million columns and a ZIP bomb with the reason, storing nothing of them", async () => {
    const before = importsStored();
    const latin1 = await upload(net.people.anna.token, new Uint8Array([...new TextEncoder().encode("url,title\nhttps://example.nl/,Caf"), 0xe9]), "text/csv");
    expect(latin1).toEqual({
      status: 422,
      body: { error: { code: "import_invalid_utf8", message: "Het bestand is geen geldige UTF-8-tekst; exporteer het opnieuw als UTF-8. / The file is not valid UTF-8 text; export it again as UTF-8." } },
    });
    const columns = await upload(net.people.anna.token, `url,${"x,".repeat(10_000_000)}\n`, "text/csv", "?format=csv");
    expect(columns.status).toBe(422);
    expect(columns.body.error.code).toBe("import_too_many_columns");
    const bomb = await upload(net.people.anna.token, zipSync({ "nullen.bin": new Uint8Array(20 * 1024 * 1024) }, { level: 9 }), "application/zip");
    expect(bomb.status).toBe(422);
    expect(bomb.body.error.code).toBe("import_zip_refused");
    const empty = await upload(net.people.anna.token, "", "text/csv");
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("import_empty");
    expect(importsStored()).toBe(before);
  });
});

describe("the uploaded file itself", () => {
  const waiting = (dir: string) => readdirSync(dir).filter((name) => name.startsWith("knooppunt-upload-"));

  it("keeps no copy of an upload once it is answered, refused halfway, too large or broken off", async () => {
    const dir = dirname(server.databasePath);
    const before = rowCount("imports") + rowCount("import_entries");

    expect((await upload(net.people.eva.token, fixture("chrome-bookmarks.html"), "text/html")).status).toBe(201);
    expect(waiting(dir)).toEqual([]);

    // 5,000 good links, then a byte that is not UTF-8: found only at the end, and nothing before it is kept.
    const links = Array.from({ length: 5000 }, (_, i) => `<DT><A HREF="https://www.example.nl/laat/${i}">Artikel ${i}</A>\n`).join("");
    const lateLatin1 = new Uint8Array([...new TextEncoder().encode(`<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${links}<DT><A HREF="https://www.example.nl/">Caf`), 0xe9, ...new TextEncoder().encode("</A>\n</DL>\n")]);
    expect(lateLatin1.length).toBeGreaterThan(4 * 64 * 1024);
    expect((await upload(net.people.eva.token, lateLatin1, "text/html")).body.error.code).toBe("import_invalid_utf8");
    expect(rowCount("imports") + rowCount("import_entries")).toBe(before + 1 + 4);
    expect(waiting(dir)).toEqual([]);

    // Sent without a declared size: refused at the byte past 64 MB.
    const piece = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 70) controller.close();
        else controller.enqueue(piece);
      },
    });
    const tooLarge = await fetch(`${server.url}/api/v1/imports`, {
      method: "POST",
      headers: { Authorization: `Bearer ${net.people.eva.token}`, "Content-Type": "text/csv" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect({ status: tooLarge.status, code: ((await tooLarge.json()) as any).error.code }).toEqual({ status: 413, code: "payload_too_large" });
    expect(waiting(dir)).toEqual([]);

    // A client that stops sending halfway through its declared 10 MB.
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/api/v1/imports`, {
        method: "POST",
        headers: { Authorization: `Bearer ${net.people.eva.token}`, "Content-Type": "text/html", "Content-Length": String(10 * 1024 * 1024) },
      });
      req.on("error", () => resolve());
      req.write(new Uint8Array(1024 * 1024).fill(0x20), () => setTimeout(() => req.destroy(), 100));
    });
    for (let i = 0; i < 100 && waiting(dir).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waiting(dir)).toEqual([]);
  });

  it("lets go of the uploaded file when a file is refused before its links are read", async () => {
    // The server runs in this process: its open files are ours to list.
    const openUploads = () =>
      readdirSync("/proc/self/fd").flatMap((fd) => {
        try {
          const target = readlinkSync(`/proc/self/fd/${fd}`);
          return target.includes("knooppunt-upload-") ? [target] : [];
        } catch {
          return [];
        }
      });
    const noUrl = await upload(net.people.eva.token, "titel,map\nLezen,Taal\n", "text/csv", "?format=csv");
    expect(noUrl.body.error.code).toBe("import_csv_header");
    const links = Array.from({ length: 200_001 }, (_, i) => `https://www.example.nl/${i}`).join("\n");
    const tooMany = await upload(net.people.eva.token, `url\n${links}\n`, "text/csv");
    expect(tooMany.body.error.code).toBe("import_too_many_links");
    expect(openUploads()).toEqual([]);
  });

  it("removes at start an upload a stopped server left behind an hour or more ago, and no other file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-spool-"));
    try {
      const old = join(dir, "knooppunt-upload-oud");
      writeFileSync(old, "<DL>");
      const anHourAgo = (Date.now() - 61 * 60 * 1000) / 1000;
      utimesSync(old, anHourAgo, anHourAgo);
      writeFileSync(join(dir, "knooppunt-upload-nu"), "<DL>");
      writeFileSync(join(dir, "notities.txt"), "van de beheerder");
      utimesSync(join(dir, "notities.txt"), anHourAgo, anHourAgo);
      const started = await startTestServer({ dir });
      await started.stop();
      expect(readdirSync(dir).filter((name) => !name.startsWith("knooppunt.db")).sort()).toEqual(["knooppunt-upload-nu", "notities.txt"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
