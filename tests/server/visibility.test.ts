import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const ids: Record<string, string> = {};
const urls: Record<string, string> = {};
const v1 = (token?: string) => server.client(token).api.v1;

// Anna (school A, community member) saves one item in each circle, with a distinctive word to search.
beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const circles = [
    ["private", {}],
    ["community", { communityId: net.community.id }],
    ["school", {}],
    ["network", {}],
    ["public", {}],
  ] as const;
  for (const [visibility, extra] of circles) {
    urls[visibility] = `https://www.voorbeeld-${visibility}.nl/kring`;
    const res = await reply(
      v1(net.people.anna.token).items.$post({
        json: { url: urls[visibility]!, title: `Kringtest ${visibility}`, note: `zichtbaarheidswoord${visibility}`, themes: ["nt2"], visibility, ...extra },
      }),
    );
    expect(res.status).toBe(201);
    ids[visibility] = res.body.item.id;
  }
});
afterAll(() => server.stop());

// Who may see which circle: [viewer, circles they see].
const expected: [string, string[]][] = [
  ["anna", ["private", "community", "school", "network", "public"]], // the owner
  ["bram", ["school", "network", "public"]], // same school, not in the community
  ["dewi", ["community", "network", "public"]], // community member, no school
  ["chris", ["network", "public"]], // another school
  ["eva", ["network", "public"]], // signed in, no memberships
  ["anonymous", ["public"]],
];
const ALL = ["private", "community", "school", "network", "public"];

describe.each(expected)("what %s sees", (who, visible) => {
  const token = () => (who === "anonymous" ? undefined : net.people[who as keyof typeof net.people].token);

  it("by id: visible items open, the others are 404 (never 403)", async () => {
    for (const circle of ALL) {
      const res = await v1(token()).items[":id"].$get({ param: { id: ids[circle]! } });
      expect(res.status, `${who} → ${circle}`).toBe(visible.includes(circle) ? 200 : 404);
    }
  });

  it("in the list, in search and in a theme filter", async () => {
    const list = await reply(v1(token()).items.$get({ query: { limit: "100" } }));
    const search = await reply(v1(token()).items.$get({ query: { q: "kringtest", limit: "100" } }));
    const theme = await reply(v1(token()).items.$get({ query: { theme: "nt2", limit: "100" } }));
    for (const res of [list, search, theme]) {
      const seen = res.body.items.map((i) => i.title.replace("Kringtest ", "")).sort();
      expect(seen).toEqual([...visible].sort());
    }
  });

  it("through lookup", async () => {
    for (const circle of ALL) {
      const res = await reply(v1(token()).items.lookup.$get({ query: { url: urls[circle]! } }));
      expect(res.body.item === null, `${who} → ${circle}`).toBe(!visible.includes(circle));
    }
  });

  it("in the facets: every count holds only the circles they may see", async () => {
    const expectedCounts = {
      total: visible.length,
      themes: visible.length ? [{ slug: "nt2", count: visible.length }] : [],
      kinds: visible.length ? [{ kind: "artikel", count: visible.length }] : [],
      sectors: [],
      visibilities: [...visible].sort().map((visibility) => ({ visibility, count: 1 })),
    };
    for (const query of [{}, { q: "kringtest" }, { theme: "nt2" }, { q: "kringtest", theme: "nt2" }]) {
      const res = await reply(v1(token()).items.facets.$get({ query }));
      // Values with equal counts come in no promised order.
      const visibilities = [...res.body.visibilities].sort((x, y) => x.visibility.localeCompare(y.visibility));
      expect({ ...res.body, visibilities }, `${who} → ${JSON.stringify(query)}`).toEqual(expectedCounts);
    }
    for (const circle of ALL) {
      const res = await reply(v1(token()).items.facets.$get({ query: { q: `zichtbaarheidswoord${circle}` } }));
      expect(res.body.total, `${who} → ${circle}`).toBe(visible.includes(circle) ? 1 : 0);
      expect(res.body.visibilities, `${who} → ${circle}`).toEqual(visible.includes(circle) ? [{ visibility: circle, count: 1 }] : []);
    }
  });

  it("cannot find a circle's notes by searching for them", async () => {
    for (const circle of ALL) {
      const res = await reply(v1(token()).items.$get({ query: { q: `zichtbaarheidswoord${circle}` } }));
      expect(res.body.items.length, `${who} → ${circle}`).toBe(visible.includes(circle) ? 1 : 0);
    }
  });
});

describe("notes inside a widely shared item", () => {
  it("stay in their own circle even when the item itself is public", async () => {
    await v1(net.people.bram.token).items.$post({ json: { url: urls.public!, note: "schoolnotitie-bram", visibility: "school" } });
    const anna = await reply(v1(net.people.anna.token).items[":id"].$get({ param: { id: ids.public! } }));
    expect(anna.body.item.notes.map((n) => n.note)).toEqual(["schoolnotitie-bram"]);
    expect(anna.body.item.saveCount).toBe(2);
    const chris = await reply(v1(net.people.chris.token).items[":id"].$get({ param: { id: ids.public! } }));
    expect(chris.body.item.saveCount).toBe(1);
    expect(JSON.stringify(chris.body)).not.toContain("schoolnotitie-bram");
    const search = await reply(v1(net.people.chris.token).items.$get({ query: { q: "schoolnotitie" } }));
    expect(search.body.items).toEqual([]);
  });
});
