import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const path = (suffix: string, schoolId = net.schoolA.id) => `/api/v1/schools/${schoolId}/${suffix}`;
/** The typed routes of a school (school A unless another is named), as `token` calls them. */
const school = (token?: string, id = net.schoolA.id) => {
  const routes = server.client(token).api.v1.schools[":id"];
  const param = { id };
  return {
    subscriptions: () => reply(routes.subscriptions.$get({ param })),
    subscribe: (json: { themes: string[]; sector?: ("po" | "vo" | "mbo")[] }) => reply(routes.subscriptions.$put({ param, json })),
    feedUrls: () => reply(routes["feed-url"].$get({ param })),
    rotateFeedUrls: () => reply(routes["feed-url"].rotate.$post({ param })),
  };
};

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

describe("subscriptions", () => {
  it("start empty", async () => {
    const res = await school(net.people.bram.token).subscriptions();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ themes: [], sector: [] });
  });

  it("are set by the coordinator and read by every member of the school", async () => {
    const put = await school(net.people.bram.token).subscribe({ themes: ["meertaligheid", "nt2"], sector: ["po"] });
    expect(put.status).toBe(200);
    // In the taxonomy's order, whatever order they were sent in.
    expect(put.body).toEqual({ themes: ["nt2", "meertaligheid"], sector: ["po"] });
    const read = await school(net.people.anna.token).subscriptions();
    expect(read.body).toEqual({ themes: ["nt2", "meertaligheid"], sector: ["po"] });
  });

  it("are replaced as a whole by PUT", async () => {
    await school(net.people.bram.token).subscribe({ themes: ["nt2", "burgerschap"], sector: ["po"] });
    const put = await school(net.people.bram.token).subscribe({ themes: ["burgerschap"] });
    expect(put.body).toEqual({ themes: ["burgerschap"], sector: [] });
    expect((await school(net.people.anna.token).subscriptions()).body).toEqual({ themes: ["burgerschap"], sector: [] });
  });

  it("cannot be changed by a member who is not a coordinator", async () => {
    const res = await school(net.people.anna.token).subscribe({ themes: ["nt2"] });
    expect(res.status).toBe(403);
    expect(res.error?.code).toBe("coordinator_only");
  });

  it("do not exist for people outside the school (404), and need sign-in", async () => {
    expect((await school(net.people.chris.token).subscriptions()).status).toBe(404);
    expect((await school(net.people.chris.token).subscribe({ themes: ["nt2"] })).status).toBe(404);
    expect((await school().subscriptions()).status).toBe(401);
  });

  it("answer 404 for a school that does not exist", async () => {
    expect((await school(net.people.bram.token, "geen-school").subscriptions()).status).toBe(404);
  });

  it("refuse unknown themes and sectors with a 400 that names them, and change nothing", async () => {
    const before = (await school(net.people.bram.token).subscriptions()).body;
    const unknown = await school(net.people.bram.token).subscribe({ themes: ["nt2", "bestaat-niet"] });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.code).toBe("unknown_theme");
    expect(unknown.error?.message).toContain("bestaat-niet");
    // What the client's types would not let through is sent raw.
    const badSector = await server.api<ErrorBody>("PUT", path("subscriptions"), { token: net.people.bram.token, body: { themes: ["nt2"], sector: ["kdv"] } });
    expect(badSector.status).toBe(400);
    expect(badSector.body.error.issues?.[0]?.path).toEqual(["sector", 0]);
    const missing = await server.api<ErrorBody>("PUT", path("subscriptions"), { token: net.people.bram.token, body: { sector: ["po"] } });
    expect(missing.status).toBe(400);
    expect((await school(net.people.bram.token).subscriptions()).body).toEqual(before);
  });
});

describe("feed URLs", () => {
  it("are absolute, private to coordinators, and stable until rotated", async () => {
    const first = await school(net.people.bram.token).feedUrls();
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    const token = new URL(first.body.atom).searchParams.get("token");
    expect(token).toMatch(/^kpf_[A-Za-z0-9_-]{40,}$/);
    expect(first.body).toEqual({
      atom: `${server.url}/feeds/schools/${net.schoolA.id}.atom?token=${token}`,
      rss: `${server.url}/feeds/schools/${net.schoolA.id}.rss?token=${token}`,
      json: `${server.url}/feeds/schools/${net.schoolA.id}.json?token=${token}`,
    });
    expect((await school(net.people.bram.token).feedUrls()).body).toEqual(first.body);

    const rotated = await school(net.people.bram.token).rotateFeedUrls();
    expect(rotated.status).toBe(200);
    expect(new URL(rotated.body.json).searchParams.get("token")).not.toBe(token);
    expect((await school(net.people.bram.token).feedUrls()).body).toEqual(rotated.body);
  });

  it("are refused to members who are not coordinators (403) and do not exist for other schools (404)", async () => {
    expect((await school(net.people.anna.token).feedUrls()).status).toBe(403);
    expect((await school(net.people.anna.token).rotateFeedUrls()).status).toBe(403);
    expect((await school(net.people.chris.token).feedUrls()).status).toBe(404);
  });
});
