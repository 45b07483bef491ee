import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

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

const v1 = (token?: string) => server.client(token).api.v1;
const themes = async () => (await reply(v1().themes.$get({ query: {} }))).body.themes;

describe("the taxonomy, kept by administrators", () => {
  it("lets an administrator add a sub-theme, which filters and is found by its synonym; others may not", async () => {
    const json = { slug: "rekentaal", name: { nl: "Rekentaal", en: "Mathematical language" }, parent: "meertaligheid", synonyms: ["wiskundetaal"] };
    const refused = await reply(v1(net.people.dewi.token).themes.$post({ json }));
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe("admin_only");
    const created = await reply(v1(server.adminToken).themes.$post({ json }));
    expect(created.status).toBe(201);
    expect(created.body.theme).toMatchObject({ slug: "rekentaal", parent: "meertaligheid", synonyms: ["wiskundetaal"] });
    expect((await v1(server.adminToken).themes.$post({ json })).status).toBe(409);

    const clip = await reply(
      v1(net.people.anna.token).items.$post({
        json: { url: "https://www.voorbeeld.nl/rekentaal", title: "Begrippen bij breuken", themes: ["wiskundetaal"], visibility: "network" },
      }),
    );
    expect(clip.status).toBe(201);
    expect(clip.body.item.themes).toEqual(["rekentaal"]);
    // Filtering on the parent includes the new sub-theme.
    const underParent = await reply(v1(net.people.anna.token).items.$get({ query: { theme: "meertaligheid" } }));
    expect(underParent.body.items.map((i) => i.title)).toContain("Begrippen bij breuken");
  });

  it("renames a theme for every reader, and keeps the new name when the server starts again on the same database", async () => {
    const rekentaal = { param: { slug: "rekentaal" } };
    const renamed = await v1(server.adminToken).themes[":slug"].$patch({ ...rekentaal, json: { name: { nl: "Taal in de rekenles", en: "Language in maths" } } });
    expect(renamed.status).toBe(200);
    expect((await themes()).find((t) => t.slug === "rekentaal")?.name).toEqual({ nl: "Taal in de rekenles", en: "Language in maths" });
    expect((await v1(net.people.anna.token).themes[":slug"].$patch({ ...rekentaal, json: { name: { nl: "X", en: "X" } } })).status).toBe(403);

    await server.stop();
    server = await startTestServer({ dir });
    expect((await themes()).find((t) => t.slug === "rekentaal")?.name.nl).toBe("Taal in de rekenles");
    // The seeded taxonomy is still whole after the second start.
    expect((await themes()).some((t) => t.slug === "nt2")).toBe(true);
  });
});
