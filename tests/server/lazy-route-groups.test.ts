import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_GROUPS, PAGE_GROUPS } from "../../server/routing/groups";
import type { RouteGroup } from "../../server/routing/lazy-routes";
import { startTestServer, type TestServer } from "../support/server";
import { openTestWebSession } from "../support/web-session";

// Route groups are read on first use, found by path patterns written beside each group. A route outside
// its group's patterns would answer 404 in production and nowhere else: these tests keep them honest.

const covers = (pattern: string, path: string) =>
  pattern === path || (pattern.endsWith("/*") && (path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1))));

async function uncovered(groups: readonly RouteGroup[]) {
  const missing: string[] = [];
  for (const group of groups) {
    for (const routes of await group.load()) {
      for (const route of routes.routes) if (!group.paths.some((p) => covers(p, route.path))) missing.push(`${route.method} ${route.path} (${group.paths.join(", ")})`);
    }
  }
  return missing;
}

describe("the route groups the app loads on first use", () => {
  it("cover every route of every API group with the group's own path patterns", async () => {
    expect(await uncovered(API_GROUPS)).toEqual([]);
  });

  it("cover every route of every page group with the group's own path patterns", async () => {
    expect(await uncovered(PAGE_GROUPS)).toEqual([]);
  });
});

describe("a server whose routes are loaded on first use", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("answers a route in a group after one that shares its path (the sessions after /me) with the app's middleware applied", async () => {
    const res = await server.api("GET", "/api/v1/me/sessions", { token: server.adminToken });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answers a path no group has with the contract's 404, under the API and at the root", async () => {
    const api = await server.api("GET", "/api/v1/me/nothing-here", { token: server.adminToken });
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe("not_found");
    const page = await server.api("GET", "/feeds/nothing-here", { headers: { Accept: "application/json" } });
    expect(page.status).toBe(404);
    expect(page.body.error.code).toBe("not_found");
  });

  it("runs a page group's own middleware and form handling (an administrator's new theme)", async () => {
    const adminId = (await server.api("GET", "/api/v1/me", { token: server.adminToken })).body.user.id as string;
    const admin = openTestWebSession(server, adminId);
    const created = await fetch(`${server.url}/admin/themes`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: admin.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: admin.csrfToken, nameNl: "Later geladen", nameEn: "Loaded later", descriptionNl: "", descriptionEn: "", parent: "" }),
    });
    expect(created.status).toBe(303);
    const themes = await server.api("GET", "/api/v1/themes");
    expect(themes.body.themes.filter((t: { name: { nl: string } }) => t.name.nl === "Later geladen").map((t: { name: unknown }) => t.name)).toEqual([{ nl: "Later geladen", en: "Loaded later" }]);
    const refused = await fetch(`${server.url}/admin/themes`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: admin.cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: "not-the-token", nameNl: "Zonder token", nameEn: "Without a token" }),
    });
    expect(refused.status).toBe(403);
  });
});
