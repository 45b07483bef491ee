import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { THEME_TAXONOMY } from "../../shared/themes";
import { DEMO_ITEMS, DEMO_PEOPLE } from "../../server/seed/demo-data";
import { openDatabase } from "../../server/db/client";
import { reply, startTestServer, type TestServer } from "../support/server";

const dirs: string[] = [];
const servers: TestServer[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "knooppunt-db-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tableCounts = (path: string) => {
  const db = new Database(path, { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const counts = Object.fromEntries(names.map((n) => [n, (db.prepare(`SELECT count(*) AS n FROM "${n}"`).get() as { n: number }).n]));
  const journal = db.pragma("journal_mode", { simple: true });
  db.close();
  return { counts, journal };
};

/**
 * A database migrated as it stood before the migration whose tag starts with `tag`: the committed
 * migrations with the journal cut off there. The migrations are numbered, so that is the tag's number.
 */
function databaseBefore(tag: string) {
  const dir = freshDir();
  const folder = join(dir, `migrations-before-${tag}`);
  cpSync(new URL("../../server/db/migrations", import.meta.url), folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  expect(upTo).toBe(Number.parseInt(tag, 10));
  journal.entries = journal.entries.slice(0, upTo);
  writeFileSync(journalPath, JSON.stringify(journal));
  const path = join(dir, "old.sqlite");
  const old = new Database(path);
  migrate(drizzle(old), { migrationsFolder: folder });
  return { path, old };
}

describe("the database", () => {
  it("is created and migrated from an empty file, in WAL mode, with the taxonomy seeded", async () => {
    const dir = freshDir();
    const server = await startTestServer({ dir });
    servers.push(server);
    const themes = await reply(server.client().api.v1.themes.$get({ query: {} }));
    expect(themes.body.themes).toHaveLength(THEME_TAXONOMY.length);
    const nt2 = themes.body.themes.find((t) => t.slug === "nt2");
    expect(nt2!.name.nl).toMatch(/NT2/);
    expect(themes.body.themes.find((t) => t.slug === "taalbewust-lesgeven")).toMatchObject({ parent: "meertaligheid" });
    expect(themes.body.themes.find((t) => t.slug === "taalbewust-lesgeven")!.synonyms).toContain("talenbewust lesgeven");
    await server.stop();
    servers.pop();
    const { counts, journal } = tableCounts(server.databasePath);
    expect(journal).toBe("wal");
    expect(counts.themes).toBe(THEME_TAXONOMY.length);
    const migrations = JSON.parse(readFileSync(new URL("../../server/db/migrations/meta/_journal.json", import.meta.url), "utf8")) as { entries: unknown[] };
    expect(counts.__drizzle_migrations).toBe(migrations.entries.length);
  });

  it("seeding (taxonomy, administrator, demo network) a second time changes nothing", async () => {
    const dir = freshDir();
    const first = await startTestServer({ dir, demo: true });
    const demoItems = await first.client(first.adminToken).api.v1.items.$get({ query: { limit: "100" } });
    expect(first.demo?.created).toBe(true);
    await first.stop();
    const before = tableCounts(first.databasePath).counts;
    expect(before.items).toBe(DEMO_ITEMS.length);
    expect(before.users).toBe(DEMO_PEOPLE.length + 1); // the demo people and the administrator from the environment
    expect(before.schools).toBe(3);
    expect(demoItems.status).toBe(200);

    const second = await startTestServer({ dir, demo: true });
    expect(second.demo?.created).toBe(false);
    expect(second.demo?.people.length).toBe(DEMO_PEOPLE.length);
    await second.stop();
    const after = tableCounts(first.databasePath).counts;
    // Only the administrator's login tokens differ between the two runs.
    expect({ ...after, tokens: 0 }).toEqual({ ...before, tokens: 0 });
  });

  it("lets the demo sign-ins search the demo library", async () => {
    const server = await startTestServer({ demo: true });
    servers.push(server);
    const teacher = DEMO_PEOPLE.find((p) => p.key === "teacher")!;
    const login = await reply(server.client().api.v1.auth.login.$post({ json: { email: teacher.email, password: teacher.password } }));
    expect(login.status).toBe(200);
    const items = server.client(login.body.token).api.v1.items;
    const nt2 = await reply(items.$get({ query: { theme: "nt2", limit: "100" } }));
    // NT2 with its sub-themes: 9 demo items, of which the 2 in the coordinator's vo school are not the (po) teacher's to see.
    expect(nt2.body.items).toHaveLength(7);
    const meertalig = await reply(items.$get({ query: { q: "meertalig" } }));
    // Every demo item the teacher may see that says "meertalig(heid)" somewhere: 12 of the 29 she can see.
    expect(meertalig.body.items).toHaveLength(12);
    const shared = await reply(items.$get({ query: { limit: "100" } }));
    expect(shared.body.items.some((i) => i.saveCount >= 2)).toBe(true);
  });

  it("gives saves made before their themes were stored on the save those themes, in order", () => {
    const { path, old } = databaseBefore("0005_");
    const now = "2026-11-01T08:00:00.000Z";
    old.exec(`
      INSERT INTO users (id, name, email, password_hash, roles, created_at, updated_at) VALUES ('u1', 'Anna', 'anna@example.nl', 'x', '[]', '${now}', '${now}');
      INSERT INTO items (id, url_key, url, title, kind, created_at, updated_at) VALUES ('i1', 'k1', 'https://a.nl/1', 'Een', 'artikel', '${now}', '${now}');
      INSERT INTO saves (item_seq, user_id, visibility, created_at, updated_at) VALUES (1, 'u1', 'network', '${now}', '${now}');
      INSERT INTO items (id, url_key, url, title, kind, created_at, updated_at) VALUES ('i2', 'k2', 'https://a.nl/2', 'Twee', 'artikel', '${now}', '${now}');
      INSERT INTO saves (item_seq, user_id, visibility, created_at, updated_at) VALUES (2, 'u1', 'private', '${now}', '${now}');
      INSERT INTO save_themes (save_seq, theme) VALUES (1, 'thuistalen'), (1, 'nt2'), (1, 'burgerschap');
    `);
    old.close();

    const database = openDatabase(path);
    const rows = database.sqlite.prepare("SELECT seq, themes FROM saves ORDER BY seq").all();
    database.close();
    expect(rows).toEqual([
      { seq: 1, themes: JSON.stringify(["burgerschap", "nt2", "thuistalen"]) },
      { seq: 2, themes: "[]" },
    ]);
  });

  it("names the offer of deliveries written before deliveries had their own column, for both body formats", () => {
    const { path, old } = databaseBefore("0006_");
    const now = "2026-11-01T08:00:00.000Z";
    // Keys as the server makes them (base64url: mixed case, '_' and '-'): read as a LIKE pattern, the
    // other offer's key would also match the Teams card's link, so only an exact match finds the right offer.
    const otherKey = "Ab_c-Def_GhIjKlMnOpQrStUv";
    const teamsKey = "AbXc-Def_GhIjKlMnOpQrStUv";
    const jsonKey = "x_c-Def_GhIjKlMnOpQrStUv";
    const teams = JSON.stringify({ type: "message", attachments: [{ content: { actions: [{ type: "Action.OpenUrl", url: `https://k.nl/b/taal-x?key=${teamsKey}` }] } }] });
    const json = JSON.stringify({ event: "bundle.accepted", offer: { id: "o-json" }, url: `https://k.nl/b/taal-x?key=${jsonKey}` });
    old.exec(`
      INSERT INTO users (id, name, email, password_hash, roles, created_at, updated_at) VALUES ('u1', 'Dewi', 'dewi@example.nl', 'x', '["broker"]', '${now}', '${now}');
      INSERT INTO schools (id, name, sector, created_at) VALUES ('s1', 'De Regenboog', 'po', '${now}'), ('s2', 'Het Stedelijk', 'vo', '${now}'), ('s3', 'Het Baken', 'mbo', '${now}');
      INSERT INTO bundles (id, title, audience, status, slug, published_version, created_by, created_at, updated_at) VALUES ('b1', 'Taal', 'public', 'published', 'taal-x', 1, 'u1', '${now}', '${now}');
      INSERT INTO bundle_versions (bundle_id, number, content, published_by, published_at) VALUES ('b1', 1, '{}', 'u1', '${now}');
      INSERT INTO offers (id, bundle_id, version, school_id, offered_by, capability_key, offered_at) VALUES ('o-other', 'b1', 1, 's3', 'u1', '${otherKey}', '${now}');
      INSERT INTO offers (id, bundle_id, version, school_id, offered_by, capability_key, offered_at) VALUES ('o-teams', 'b1', 1, 's1', 'u1', '${teamsKey}', '${now}');
      INSERT INTO offers (id, bundle_id, version, school_id, offered_by, capability_key, offered_at) VALUES ('o-json', 'b1', 1, 's2', 'u1', '${jsonKey}', '${now}');
      INSERT INTO webhooks (id, school_id, url, format, events, secret, created_at) VALUES ('w1', 's1', 'https://hook.example/x', 'teams', '[]', 'geheim', '${now}');
      INSERT INTO webhook_deliveries (id, webhook_id, event, body, next_attempt_at, created_at) VALUES ('d-teams', 'w1', 'offer.created', '${teams}', '${now}', '${now}');
      INSERT INTO webhook_deliveries (id, webhook_id, event, body, next_attempt_at, created_at) VALUES ('d-json', 'w1', 'bundle.accepted', '${json}', '${now}', '${now}');
      INSERT INTO webhook_deliveries (id, webhook_id, event, body, next_attempt_at, created_at) VALUES ('d-item', 'w1', 'item.published', '{"url":"https://a.nl/?key=${teamsKey}"}', '${now}', '${now}');
    `);
    old.close();

    const database = openDatabase(path);
    const rows = database.sqlite.prepare("SELECT id, offer_id AS offerId FROM webhook_deliveries ORDER BY id").all();
    database.close();
    expect(rows).toEqual([
      { id: "d-item", offerId: null },
      { id: "d-json", offerId: "o-json" },
      { id: "d-teams", offerId: "o-teams" },
    ]);
  });

  it("gives every save made before saves kept their own page facts its item's facts, cleans stored addresses and indexes each save", () => {
    const { path, old } = databaseBefore("0007_");
    const now = "2026-11-01T08:00:00.000Z";
    const later = "2026-11-02T08:00:00.000Z";
    old.exec(`
      INSERT INTO users (id, name, email, password_hash, roles, created_at, updated_at) VALUES
        ('u1', 'Anna', 'anna@example.nl', 'x', '[]', '${now}', '${now}'), ('u2', 'Bram', 'bram@example.nl', 'x', '[]', '${now}', '${now}');
      INSERT INTO items (id, url_key, url, canonical_url, title, kind, site_name, author, excerpt, text, image_url, created_at, updated_at) VALUES
        ('i1', 'https://intranet.example/verslag/42', 'https://jan:Geheim123@intranet.example/verslag/42?utm_source=mail&id=7#access_token=abc',
         NULL, 'Gesprek ouders', 'protocol', 'Intranet', 'Mentor', 'Kort verslag', 'Vertrouwelijk verslag over dyslexie', 'https://intranet.example/foto.jpg', '${now}', '${now}'),
        ('i2', 'https://a.nl/2', 'https://a.nl/2', 'https://a.nl/2#boven', 'Twee', 'artikel', NULL, NULL, NULL, NULL, NULL, '${now}', '${now}');
      INSERT INTO saves (item_seq, user_id, note, visibility, created_at, updated_at) VALUES
        (1, 'u1', 'Eigen notitie', 'private', '${now}', '${now}'), (1, 'u2', '', 'network', '${later}', '${later}'), (2, 'u1', '', 'public', '${now}', '${now}');
    `);
    old.close();

    const read = () => {
      const database = openDatabase(path);
      const rows = {
        items: database.sqlite.prepare("SELECT * FROM items ORDER BY seq").all(),
        saves: database.sqlite
          .prepare("SELECT seq, url, canonical_url AS canonicalUrl, title, kind, site_name AS siteName, author, excerpt, text, image_url AS imageUrl, created_at AS createdAt FROM saves ORDER BY seq")
          .all(),
        match: (q: string) => (database.sqlite.prepare("SELECT rowid FROM saves_fts WHERE saves_fts MATCH ? ORDER BY rowid").all(q) as { rowid: number }[]).map((r) => r.rowid),
        tables: (database.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'items_fts'").all() as unknown[]).length,
        // The addresses are cleaned once: the file records it, so a later start does not parse them again.
        cleanedMark: database.sqlite.pragma("user_version", { simple: true }),
      };
      return { ...rows, matches: [rows.match("dyslexie"), rows.match("intranet"), rows.match("eigen"), rows.match("twee")], close: () => database.close() };
    };
    const first = read();
    const fromItem = { title: "Gesprek ouders", kind: "protocol", siteName: "Intranet", author: "Mentor", excerpt: "Kort verslag", text: "Vertrouwelijk verslag over dyslexie" };
    expect(first.items).toEqual([
      { seq: 1, id: "i1", url_key: "https://intranet.example/verslag/42", url: "https://intranet.example/verslag/42" },
      { seq: 2, id: "i2", url_key: "https://a.nl/2", url: "https://a.nl/2" },
    ]);
    expect(first.saves).toEqual([
      { seq: 1, url: "https://intranet.example/verslag/42?id=7", canonicalUrl: null, ...fromItem, imageUrl: "https://intranet.example/foto.jpg", createdAt: now },
      { seq: 2, url: "https://intranet.example/verslag/42?id=7", canonicalUrl: null, ...fromItem, imageUrl: "https://intranet.example/foto.jpg", createdAt: later },
      { seq: 3, url: "https://a.nl/2", canonicalUrl: "https://a.nl/2", title: "Twee", kind: "artikel", siteName: null, author: null, excerpt: null, text: null, imageUrl: null, createdAt: now },
    ]);
    expect(first.matches).toEqual([[1, 2], [1, 2], [1], [3]]);
    expect(first.tables).toBe(0);
    expect(first.cleanedMark).toBe(1);
    first.close();
    // Starting again changes nothing.
    const second = read();
    expect({ items: second.items, saves: second.saves, matches: second.matches }).toEqual({ items: first.items, saves: first.saves, matches: first.matches });
    second.close();
  });

  it("counts the keys of earlier offers from their offer, and stops those of offers the school already declined", () => {
    const { path, old } = databaseBefore("0008_");
    const at = (day: number) => `2026-0${day}-01T08:00:00.000Z`;
    old.exec(`
      INSERT INTO users (id, name, email, password_hash, roles, created_at, updated_at) VALUES ('u1', 'Dewi', 'dewi@example.nl', 'x', '["broker"]', '${at(1)}', '${at(1)}');
      INSERT INTO schools (id, name, sector, created_at) VALUES ('s1', 'De Regenboog', 'po', '${at(1)}'), ('s2', 'Het Stedelijk', 'vo', '${at(1)}');
      INSERT INTO bundles (id, title, audience, status, slug, published_version, created_by, created_at, updated_at) VALUES ('b1', 'Taal', 'network', 'published', 'taal-x', 1, 'u1', '${at(1)}', '${at(1)}');
      INSERT INTO bundle_versions (bundle_id, number, content, published_by, published_at) VALUES ('b1', 1, '{}', 'u1', '${at(1)}');
      INSERT INTO offers (id, bundle_id, version, school_id, offered_by, capability_key, status, offered_at, responded_at)
        VALUES ('o-accepted', 'b1', 1, 's1', 'u1', 'sleutel-een', 'accepted', '${at(2)}', '${at(3)}'),
               ('o-declined', 'b1', 1, 's2', 'u1', 'sleutel-twee', 'declined', '${at(4)}', '${at(5)}');
    `);
    old.close();

    const database = openDatabase(path);
    const rows = database.sqlite.prepare("SELECT id, key_issued_at AS issued, key_revoked_at AS revoked FROM offers ORDER BY id").all();
    database.close();
    expect(rows).toEqual([
      { id: "o-accepted", issued: at(2), revoked: null },
      { id: "o-declined", issued: at(4), revoked: at(5) },
    ]);
  });
});
