import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
/** Dewi owns every bundle here; Frank and Gijs are brokers she invites as co-curators. */
let dewi: Person;
let frank: Person;
let gijs: Person;

const v1 = (token?: string) => server.client(token).api.v1;
const bundleRoutes = (token?: string) => v1(token).bundles[":id"];

async function broker(key: string): Promise<Person> {
  const email = `${key}@test.knooppunt.nl`;
  const password = `wachtwoord-${key}-2026`;
  const created = await reply(v1(server.adminToken).admin.users.$post({ json: { name: `Test ${key}`, email, password, roles: ["broker"] } }));
  const login = await reply(v1().auth.login.$post({ json: { email, password } }));
  return { id: created.body.user.id, email, password, token: login.body.token };
}

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  dewi = net.people.dewi;
  frank = await broker("frank");
  gijs = await broker("gijs");
});
afterAll(() => server.stop());

/** A bundle Dewi owns, with Frank and Gijs as co-curators. */
async function sharedBundle() {
  const made = await reply(v1(dewi.token).bundles.$post({ json: { title: "Samen beheerd", about: "", themes: ["nieuwkomers"], audience: "network" } }));
  const id = made.body.bundle.id;
  for (const who of [frank, gijs]) expect((await reply(bundleRoutes(dewi.token).curators.$post({ param: { id }, json: { userId: who.id } }))).status).toBe(201);
  return id;
}

const remove = (id: string, userId: string, token: string) => reply(bundleRoutes(token).curators[":userId"].$delete({ param: { id, userId } }));
const handOver = (id: string, userId: string, token: string) => reply(bundleRoutes(token).owner.$post({ param: { id }, json: { userId } }));
const curators = async (id: string) => (await reply(bundleRoutes(dewi.token).$get({ param: { id } }))).body.bundle.curators.map((c) => [c.id, c.role]);

describe("who removes a bundle's curators", () => {
  it("a co-curator cannot remove the owner or another co-curator (403), and nothing changes", async () => {
    const id = await sharedBundle();
    for (const target of [dewi, gijs]) {
      const refused = await remove(id, target.id, frank.token);
      expect([refused.status, refused.error?.code]).toEqual([403, "owner_only"]);
    }
    expect(await curators(id)).toEqual([
      [dewi.id, "owner"],
      [frank.id, "curator"],
      [gijs.id, "curator"],
    ]);
  });

  it("the owner removes a co-curator, a co-curator steps down, and the owner is never removed, not even by themself", async () => {
    const id = await sharedBundle();
    expect((await remove(id, frank.id, dewi.token)).status).toBe(204);
    expect((await remove(id, gijs.id, gijs.token)).status).toBe(204);
    expect(await curators(id)).toEqual([[dewi.id, "owner"]]);

    await reply(bundleRoutes(dewi.token).curators.$post({ param: { id }, json: { userId: frank.id } }));
    const ownerLeaving = await remove(id, dewi.id, dewi.token);
    expect([ownerLeaving.status, ownerLeaving.error?.code]).toEqual([409, "owner_stays"]);
    expect(await curators(id)).toEqual([
      [dewi.id, "owner"],
      [frank.id, "curator"],
    ]);
  });

  it("only the owner hands the bundle to a co-curator, who may then remove the former owner", async () => {
    const id = await sharedBundle();
    const byCoCurator = await handOver(id, frank.id, gijs.token);
    expect([byCoCurator.status, byCoCurator.error?.code]).toEqual([403, "owner_only"]);
    const toOutsider = await handOver(id, net.people.anna.id, dewi.token);
    expect([toOutsider.status, toOutsider.error?.code]).toEqual([400, "not_a_curator"]);

    const handed = await handOver(id, frank.id, dewi.token);
    expect(handed.status).toBe(200);
    expect(handed.body.bundle.curators).toEqual([
      { id: frank.id, name: "Test frank", role: "owner" },
      { id: dewi.id, name: "Test dewi", role: "curator" },
      { id: gijs.id, name: "Test gijs", role: "curator" },
    ]);
    expect((await remove(id, frank.id, dewi.token)).error?.code).toBe("owner_only");
    expect((await remove(id, dewi.id, frank.token)).status).toBe(204);
    expect((await reply(bundleRoutes(dewi.token).$get({ param: { id } }))).status).toBe(404);
  });

  it("outside the bundle nothing of this exists: 404 for someone who cannot read the draft", async () => {
    const id = await sharedBundle();
    expect((await remove(id, frank.id, net.people.eva.token)).error).toEqual({ code: "not_found", message: "No such bundle." });
    expect((await handOver(id, frank.id, net.people.eva.token)).status).toBe(404);
  });
});
