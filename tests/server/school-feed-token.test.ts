import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, startTestServer, type Person, type TestServer } from "../support/server";

const run = promisify(execFile);
let server: TestServer;
let clock = 0;

const v1 = (token?: string) => server.client(token).api.v1;
const admin = () => v1(server.adminToken).admin;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function person(key: string): Promise<Person> {
  const email = `${key}@test.knooppunt.nl`;
  const password = `wachtwoord-${key}-2026`;
  const created = await reply(admin().users.$post({ json: { name: `Test ${key}`, email, password } }));
  const login = await reply(v1().auth.login.$post({ json: { email, password } }));
  return { id: created.body.user.id, email, password, token: login.body.token };
}

/** A school with two coordinators and a member; the first coordinator has fetched the private feed URL. */
async function schoolWithFeed() {
  clock += 1;
  const school = (await reply(admin().schools.$post({ json: { name: `Basisschool ${clock}`, sector: "po" } }))).body.school;
  const [leaving, staying, member] = [await person(`vertrekt${clock}`), await person(`blijft${clock}`), await person(`lid${clock}`)];
  await setRole(school.id, leaving, "coordinator");
  await setRole(school.id, staying, "coordinator");
  await setRole(school.id, member, "member");
  const oldUrl = await feedUrl(school.id, leaving);
  expect(await openFeed(oldUrl)).toBe(200);
  return { school, leaving, staying, member, oldUrl };
}

const setRole = async (schoolId: string, who: Person, role: "member" | "coordinator") =>
  expect((await reply(admin().schools[":id"].members[":userId"].$put({ param: { id: schoolId, userId: who.id }, json: { role } }))).status).toBe(200);
const feedUrl = async (schoolId: string, who: Person) => {
  const res = await reply(v1(who.token).schools[":id"]["feed-url"].$get({ param: { id: schoolId } }));
  expect(res.status).toBe(200);
  return res.body.json;
};
const openFeed = async (url: string) => {
  const res = await fetch(url);
  await res.text();
  return res.status;
};

/** The old URL stops; the remaining coordinator gets a new one that works. */
async function expectReplaced(schoolId: string, oldUrl: string, staying: Person) {
  expect(await openFeed(oldUrl)).toBe(404);
  const newUrl = await feedUrl(schoolId, staying);
  expect(newUrl).not.toBe(oldUrl);
  expect(newUrl.split("?")[0]).toBe(oldUrl.split("?")[0]);
  expect(await openFeed(newUrl)).toBe(200);
}

describe("the school's private feed URL, when a coordinator goes", () => {
  it("is replaced when an administrator makes the coordinator a plain member", async () => {
    const { school, leaving, staying, oldUrl } = await schoolWithFeed();
    await setRole(school.id, leaving, "member");
    await expectReplaced(school.id, oldUrl, staying);
  });

  it("is replaced when an administrator removes the coordinator from the school", async () => {
    const { school, leaving, staying, oldUrl } = await schoolWithFeed();
    expect((await admin().schools[":id"].members[":userId"].$delete({ param: { id: school.id, userId: leaving.id } })).status).toBe(204);
    await expectReplaced(school.id, oldUrl, staying);
  });

  it("is replaced when the coordinator's account is disabled", async () => {
    const { school, leaving, staying, oldUrl } = await schoolWithFeed();
    expect((await admin().users[":id"].$patch({ param: { id: leaving.id }, json: { disabled: true } })).status).toBe(200);
    await expectReplaced(school.id, oldUrl, staying);
  });

  it("is replaced when the coordinator is made a member with the admin command on the server", async () => {
    const { school, leaving, staying, oldUrl } = await schoolWithFeed();
    const cli = await run(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "school:member", school.id, leaving.email, "--role", "member"], {
      env: { ...process.env, DATABASE_PATH: server.databasePath },
    });
    expect(JSON.parse(cli.stdout)).toEqual({ userId: leaving.id, role: "member" });
    await expectReplaced(school.id, oldUrl, staying);
  });

  it("stays the same when nothing a coordinator knew changes hands: a member leaves, a coordinator is confirmed, a member is promoted", async () => {
    const { school, staying, member, oldUrl } = await schoolWithFeed();
    await setRole(school.id, staying, "coordinator");
    await setRole(school.id, member, "coordinator");
    await setRole(school.id, member, "coordinator");
    const other = await person(`ander${clock}`);
    await setRole(school.id, other, "member");
    expect((await admin().schools[":id"].members[":userId"].$delete({ param: { id: school.id, userId: other.id } })).status).toBe(204);
    expect(await openFeed(oldUrl)).toBe(200);
    expect(await feedUrl(school.id, staying)).toBe(oldUrl);
  });
});
