import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let dir: string;
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  // A folder of our own: the second test restarts the server on the same database.
  dir = mkdtempSync(join(tmpdir(), "knooppunt-themes-"));
  server = await startTestServer({ dir });
  net = await buildNetwork(server);
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const themes = async () => (await server.api("GET", "/api/v1/themes")).body.themes as any[];

describe("the taxonomy, kept by administrators", () => {
  it("lets an administrator add a sub-theme, which filters and is found by its synonym; others may not", async () => {
    const body = { slug: "rekentaal", name: { nl: "Rekentaal", en: "Mathematical language" }, parent: "meertaligheid", synonyms: ["wiskundetaal"] };
    const refused = await server.api("POST", "/api/v1/themes", { token: net.people.dewi.token, body });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("admin_only");
    const created = await server.api("POST", "/api/v1/themes", { token: server.adminToken, body });
    expect(created.status).toBe(201);
    expect(created.body.theme).toMatchObject({ slug: "rekentaal", parent: "meertaligheid", synonyms: ["wiskundetaal"] });
    expect((await server.api("POST", "/api/v1/themes", { token: server.adminToken, body })).status).toBe(409);

    const clip = await server.api("POST", "/api/v1/items", {
      token: net.people.anna.token,
      body: { url: "https://www.voorbeeld.nl/rekentaal", title: "Begrippen bij breuken", themes: ["wiskundetaal"], visibility: "network" },
    });
    expect(clip.status).toBe(201);
    expect(clip.body.item.themes).toEqual(["rekentaal"]);
    // Filtering on the parent includes the new sub-theme.
    const underParent = await server.api("GET", "/api/v1/items?theme=meertaligheid", { token: net.people.anna.token });
    expect(underParent.body.items.map((i: any) => i.title)).toContain("Begrippen bij breuken");
  });

  it("renames a theme for every reader, and keeps the new name when the server starts again on the same database", async () => {
    const renamed = await server.api("PATCH", "/api/v1/themes/rekentaal", { token: server.adminToken, body: { name: { nl: "Taal in de rekenles", en: "Language in maths" } } });
    expect(renamed.status).toBe(200);
    expect((await themes()).find((t) => t.slug === "rekentaal").name).toEqual({ nl: "Taal in de rekenles", en: "Language in maths" });
    expect((await server.api("PATCH", "/api/v1/themes/rekentaal", { token: net.people.anna.token, body: { name: { nl: "X", en: "X" } } })).status).toBe(403);

    await server.stop();
    server = await startTestServer({ dir });
    expect((await themes()).find((t) => t.slug === "rekentaal").name.nl).toBe("Taal in de rekenles");
    // The seeded taxonomy is still whole after the second start.
    expect((await themes()).some((t) => t.slug === "nt2")).toBe(true);
  });
});
