import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { ADMIN, buildNetwork, offerKey, reply, startTestServer, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const v1 = (token?: string) => server.client(token).api.v1;
let clips = 0;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const clip = async (who: Person, visibility: "private" | "school" | "community" | "network", extra: Record<string, unknown> = {}) => {
  clips += 1;
  const json = { url: `https://www.voorbeeld.nl/artikel/${clips}`, title: `Artikel ${clips}`, note: `Notitie ${clips}`, visibility, ...extra } as never;
  const saved = await reply(v1(who.token).items.$post({ json }));
  expect(saved.status).toBe(201);
  return saved.body.item;
};

const readDb = <T>(query: string, ...params: unknown[]) => {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
};

async function newPerson(key: string, schoolId: string | null, roles: "broker"[] = []): Promise<Person> {
  const admin = v1(server.adminToken).admin;
  const email = `${key}@test.knooppunt.nl`;
  const password = `wachtwoord-${key}-2026`;
  const user = (await reply(admin.users.$post({ json: { name: `Test ${key}`, email, password, roles } }))).body.user;
  if (schoolId) await admin.schools[":id"].members[":userId"].$put({ param: { id: schoolId, userId: user.id }, json: { role: "member" } });
  const token = (await reply(v1().auth.login.$post({ json: { email, password } }))).body.token;
  return { id: user.id, email, password, token };
}

describe("deleting one's own account", () => {
  it("asks for the person's e-mail address as confirmation, and deletes nothing without it", async () => {
    const anna = net.people.anna;
    const wrong = await reply(v1(anna.token).me.$delete({ json: { confirm: "iemand@anders.nl" } }));
    expect(wrong.status).toBe(400);
    expect(wrong.error?.code).toBe("confirmation_mismatch");
    const missing = await server.api("DELETE", "/api/v1/me", { token: anna.token, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("invalid_request");
    expect((await reply(v1(anna.token).me.$get())).status).toBe(200);
  });

  it("removes private saves and sessions, and hands saves in shared circles to the school as 'oud-collega'", async () => {
    const fenna = await newPerson("fenna", net.schoolA.id);
    const secret = await clip(fenna, "private");
    const shared = await clip(fenna, "school", { note: "Werkte goed in groep 5" });
    // Bram saved the page Fenna keeps private: the item stays, for Bram.
    await reply(v1(net.people.bram.token).items.$post({ json: { url: secret.url, visibility: "school" } }));
    await reply(v1(fenna.token).tokens.$post({ json: { name: "script" } }));

    const deleted = await reply(v1(fenna.token).me.$delete({ json: { confirm: "FENNA@test.knooppunt.nl ", sharedWork: "handOver" } }));
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toEqual({ savesRemoved: 1, savesHandedOver: 1, bundlesHandedOver: 0, bundlesRemoved: 0, tokens: 2, memberships: 1, idempotencyKeys: 0 });

    expect((await reply(v1(fenna.token).me.$get())).status).toBe(401);
    expect((await reply(v1().auth.login.$post({ json: { email: fenna.email, password: fenna.password } }))).status).toBe(401);
    const bram = v1(net.people.bram.token).items;
    const handedOver = await reply(bram[":id"].$get({ param: { id: shared.id } }));
    expect(handedOver.body.item.notes).toEqual([
      { author: "oud-collega / former colleague", note: "Werkte goed in groep 5", quote: "", visibility: "school", applied: false, worked: "untested", updatedAt: "2026-11-24T09:00:00.000Z" },
    ]);
    const kept = await reply(bram[":id"].$get({ param: { id: secret.id } }));
    expect(kept.body.item.notes).toEqual([]);
    expect(kept.body.item.saveCount).toBe(1);

    expect(readDb("SELECT count(*) AS n FROM users WHERE email = ?", fenna.email)).toEqual([{ n: 0 }]);
    expect(readDb("SELECT count(*) AS n FROM tokens WHERE user_id = ?", fenna.id)).toEqual([{ n: 0 }]);
    const record = readDb<Record<string, unknown>>("SELECT * FROM account_deletions ORDER BY seq DESC LIMIT 1")[0]!;
    expect(record).toEqual({
      seq: expect.any(Number),
      at: "2026-11-24T09:00:00.000Z",
      initiated_by: "self",
      shared_work: "handOver",
      counts: JSON.stringify(deleted.body.deleted),
    });
    // The placeholder that holds the handed-over save is nobody's account, not even an administrator's to enable.
    const placeholder = await reply(v1(server.adminToken).admin.users[":id"].$patch({ param: { id: "former-colleague" }, json: { disabled: false, password: "een-nieuw-wachtwoord-1" } }));
    expect(placeholder.status).toBe(404);
    // A person deleting their own account is no administrator action.
    expect(readDb("SELECT action FROM audit_log WHERE subject_id = ?", fenna.id)).toEqual([{ action: "user.create" }]);
  });

  it("removes saves in shared circles too when the person chooses so", async () => {
    const gerrit = await newPerson("gerrit", net.schoolA.id);
    const shared = await clip(gerrit, "school");
    const deleted = await reply(v1(gerrit.token).me.$delete({ json: { confirm: gerrit.email, sharedWork: "remove" } }));
    expect(deleted.body.deleted.savesRemoved).toBe(1);
    expect(deleted.body.deleted.savesHandedOver).toBe(0);
    expect((await reply(v1(net.people.bram.token).items[":id"].$get({ param: { id: shared.id } }))).status).toBe(404);
  });
});

describe("an administrator deleting an account", () => {
  it("passes bundles nobody else curates to the broker named, keeps offers and published pages, and logs it without personal data", async () => {
    const hanna = await newPerson("hanna", null, ["broker"]);
    const item = await clip(hanna, "network");
    const hb = v1(hanna.token).bundles;
    const draft = await reply(hb.$post({ json: { title: "Meertalig lezen", about: "Thuistalen", themes: ["nt2"], audience: "network" } }));
    await reply(hb[":id"].items.$put({ param: { id: draft.body.bundle.id }, json: { version: 1, items: [{ itemId: item.id, note: "Lees eerst" }] } }));
    const published = await reply(hb[":id"].publish.$post({ param: { id: draft.body.bundle.id }, json: {} }));
    const offered = await reply(v1(hanna.token).bundles[":id"].offers.$post({ param: { id: draft.body.bundle.id }, json: { schoolIds: [net.schoolA.id], message: "Voor jullie" } }));
    expect([offered.status, offered.error]).toEqual([201, undefined]);

    const admin = v1(server.adminToken).admin;
    const notBroker = await reply(admin.users[":id"].$delete({ param: { id: hanna.id }, json: { handOverTo: net.people.anna.id } }));
    expect(notBroker.status).toBe(400);
    expect(notBroker.error?.code).toBe("hand_over_not_broker");

    const deleted = await reply(admin.users[":id"].$delete({ param: { id: hanna.id }, json: { handOverTo: net.people.dewi.id } }));
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toEqual({ savesRemoved: 0, savesHandedOver: 1, bundlesHandedOver: 1, bundlesRemoved: 0, tokens: 1, memberships: 0, idempotencyKeys: 0 });

    const asDewi = await reply(v1(net.people.dewi.token).bundles[":id"].$get({ param: { id: draft.body.bundle.id } }));
    expect(asDewi.body.bundle.curators).toEqual([{ id: net.people.dewi.id, name: "Test dewi", role: "owner" }]);
    expect(published.status).toBe(200);
    const page = await fetch(`${published.body.bundle.publicUrl!}?key=${offerKey(server, offered.body.offers[0]!.id)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("hanna");
    expect(html).toContain("oud-collega / former colleague");
    const inbox = await reply(v1(net.people.bram.token).schools[":id"].offers.$get({ param: { id: net.schoolA.id }, query: {} }));
    expect(inbox.body.offers.map((o) => [o.bundle.title, o.offeredBy, o.message])).toEqual([["Meertalig lezen", "oud-collega / former colleague", "Voor jullie"]]);

    const log = await reply(admin["audit-log"].$get({ query: { limit: "1" } }));
    expect(log.body.entries).toEqual([
      {
        id: expect.any(Number),
        at: "2026-11-24T09:00:00.000Z",
        actor: { kind: "admin", userId: expect.any(String) },
        action: "user.delete",
        subject: { kind: "user", id: hanna.id },
        details: { sharedWork: "handOver", ...deleted.body.deleted },
      },
    ]);
    expect(JSON.stringify(readDb("SELECT * FROM audit_log"))).not.toMatch(/hanna@|Test hanna/);
    expect(JSON.stringify(readDb("SELECT content FROM bundle_versions"))).not.toContain("Test hanna");
    expect((await reply(admin.users[":id"].$delete({ param: { id: hanna.id }, json: {} }))).status).toBe(404);
  });

  it("never deletes the last administrator who can still sign in", async () => {
    const own = await reply(v1(server.adminToken).me.$delete({ json: { confirm: ADMIN.email } }));
    expect([own.status, own.error]).toEqual([
      409,
      { code: "last_admin", message: "This is the last administrator: make someone else an administrator before deleting this account." },
    ]);
    expect((await reply(v1(server.adminToken).me.$get())).status).toBe(200);
  });

  it("is refused to people who are not administrators", async () => {
    const res = await reply(v1(net.people.dewi.token).admin.users[":id"].$delete({ param: { id: net.people.eva.id }, json: {} }));
    expect(res.status).toBe(403);
  });
});

describe("the migration that lets shared work outlive its author", () => {
  it("keeps every bundle, snapshot, offer and curator, and lets a broker's account go afterwards", () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-avg-"));
    try {
      const folder = join(dir, "migrations");
      cpSync(new URL("../../server/db/migrations", import.meta.url), folder, { recursive: true });
      const journalPath = join(folder, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
      journal.entries = journal.entries.filter((e) => e.tag < "0009_");
      writeFileSync(journalPath, JSON.stringify(journal));
      const path = join(dir, "old.sqlite");
      const old = new Database(path);
      migrate(drizzle(old), { migrationsFolder: folder });
      const now = "2026-11-01T08:00:00.000Z";
      old.exec(`
        INSERT INTO users (id, name, email, password_hash, roles, created_at, updated_at) VALUES ('u1', 'Dewi', 'dewi@example.nl', 'x', '["broker"]', '${now}', '${now}');
        INSERT INTO schools (id, name, sector, created_at) VALUES ('s1', 'De Regenboog', 'po', '${now}');
        INSERT INTO bundles (id, title, audience, status, slug, published_version, created_by, created_at, updated_at) VALUES ('b1', 'Taal', 'public', 'published', 'taal', 1, 'u1', '${now}', '${now}');
        INSERT INTO bundle_curators (bundle_id, user_id, role, created_at) VALUES ('b1', 'u1', 'owner', '${now}');
        INSERT INTO bundle_versions (bundle_id, number, content, published_by, published_at) VALUES ('b1', 1, '{"title":"Taal"}', 'u1', '${now}');
        INSERT INTO offers (id, bundle_id, version, school_id, offered_by, capability_key, offered_at) VALUES ('o1', 'b1', 1, 's1', 'u1', 'sleutel', '${now}');
        INSERT INTO offer_events (offer_id, kind, at) VALUES ('o1', 'offered', '${now}');
      `);
      old.close();

      const database = openDatabase(path);
      const q = (s: string) => database.sqlite.prepare(s).all();
      expect(q("SELECT id, created_by FROM bundles")).toEqual([{ id: "b1", created_by: "u1" }]);
      expect(q("SELECT bundle_id, user_id, role FROM bundle_curators")).toEqual([{ bundle_id: "b1", user_id: "u1", role: "owner" }]);
      expect(q("SELECT bundle_id, content, published_by FROM bundle_versions")).toEqual([{ bundle_id: "b1", content: '{"title":"Taal"}', published_by: "u1" }]);
      expect(q("SELECT id, offered_by FROM offers")).toEqual([{ id: "o1", offered_by: "u1" }]);
      expect(q("SELECT offer_id FROM offer_events")).toEqual([{ offer_id: "o1" }]);
      expect(database.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);

      database.sqlite.prepare("DELETE FROM users WHERE id = 'u1'").run();
      expect(q("SELECT id, created_by FROM bundles")).toEqual([{ id: "b1", created_by: null }]);
      expect(q("SELECT published_by FROM bundle_versions")).toEqual([{ published_by: null }]);
      expect(q("SELECT id, offered_by FROM offers")).toEqual([{ id: "o1", offered_by: null }]);
      database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
