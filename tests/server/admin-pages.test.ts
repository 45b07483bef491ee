import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_PAGE_CSP } from "../../server/pages/page-http";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, type TestWebSession } from "../support/web-session";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let admin: TestWebSession;
let anna: TestWebSession;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const adminId = (await server.api("GET", "/api/v1/me", { token: server.adminToken })).body.user.id as string;
  admin = openTestWebSession(server, adminId);
  anna = openTestWebSession(server, net.people.anna.id);
});
afterAll(() => server.stop());

const get = (path: string, session?: TestWebSession, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { ...(session ? { Cookie: session.cookie } : {}), ...headers }, redirect: "manual" });

/** A form post as the browser sends it, with the session's CSRF token unless told otherwise. */
const post = (path: string, session: TestWebSession | undefined, fields: Record<string, string | string[]>, withCsrf = true) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  if (session && withCsrf) body.append("_csrf", session.csrfToken);
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(session ? { Cookie: session.cookie } : {}) },
    body,
    redirect: "manual",
  });
};

const schoolViaApi = async (id: string) => (await server.api("GET", `/api/v1/admin/schools/${id}`, { token: server.adminToken })).body.school;

describe("who reaches /admin", () => {
  it("sends a signed-out browser to /login with the page to come back to", async () => {
    const res = await get("/admin");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/login?next=/admin");
    const deeper = await get("/admin/people?q=anna");
    expect(deeper.headers.get("Location")).toBe("/login?next=/admin/people%3Fq%3Danna");
    // A bearer token is no browser session: even the administrator's goes to /login.
    const bearer = await get("/admin/schools", undefined, { Authorization: `Bearer ${server.adminToken}` });
    expect([bearer.status, bearer.headers.get("Location")]).toEqual([303, "/login?next=/admin/schools"]);
  });

  it("answers a signed-in person without the administrator role with a 404 page, for reads and writes", async () => {
    for (const res of [await get("/admin", anna), await get(`/admin/schools/${net.schoolA.id}`, anna), await post(`/admin/schools/${net.schoolA.id}`, anna, { name: "Overgenomen" })]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toContain("text/html");
      const html = await res.text();
      expect(html).toContain("Niet gevonden");
      expect(html).not.toContain("/admin/people");
    }
    expect((await schoolViaApi(net.schoolA.id)).name).toBe("De Regenboog");
  });

  it("shows every page to an administrator with the forms' CSP, in Dutch or English", async () => {
    const theme = "nt2";
    for (const path of ["/admin", "/admin/people", `/admin/people/${net.people.anna.id}`, "/admin/schools", `/admin/schools/${net.schoolA.id}`, "/admin/institutes", "/admin/besturen", "/admin/communities", `/admin/communities/${net.community.id}`, "/admin/themes", `/admin/themes/${theme}`, "/admin/providers", "/admin/audit-log"]) {
      const res = await get(path, admin);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get("Content-Security-Policy")).toBe(FORM_PAGE_CSP);
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    }
    expect(await (await get("/admin/schools", admin, { "Accept-Language": "en-GB,en;q=0.9" })).text()).toContain("<h1>Schools</h1>");
    expect(await (await get("/admin/schools?lang=nl", admin, { "Accept-Language": "en" })).text()).toContain("<h1>Scholen</h1>");
    expect((await get("/admin/schools/bestaat-niet", admin)).status).toBe(404);
  });
});

describe("changing the network with forms", () => {
  it("refuses a form post without the CSRF token and changes nothing", async () => {
    const res = await post(`/admin/schools/${net.schoolA.id}`, admin, { name: "De Regenboog", sector: "po", brinCodes: "99ZZ" }, false);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Dit formulier is verlopen of kwam van een andere site.");
    expect((await schoolViaApi(net.schoolA.id)).brinCodes).toEqual([]);
  });

  it("adds BRIN codes to a school through its form, which the API then shows and the audit log records", async () => {
    const res = await post(`/admin/schools/${net.schoolA.id}`, admin, {
      name: "De Regenboog",
      sector: "po",
      region: "Eindhoven",
      bestuur: "Stichting Kempenland",
      brinCodes: "12ab\n12AB01, 12ab",
      entraTenants: "",
      googleDomains: "regenboog.nl",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/admin/schools/${net.schoolA.id}?notice=saved&lang=nl`);
    expect(await schoolViaApi(net.schoolA.id)).toMatchObject({ name: "De Regenboog", region: "Eindhoven", bestuur: "Stichting Kempenland", brinCodes: ["12AB", "12AB01"], googleDomains: ["regenboog.nl"] });
    const page = await (await get(res.headers.get("Location")!, admin)).text();
    expect(page).toContain('<p class="notice" role="status">Opgeslagen.</p>');
    const log = (await server.api("GET", "/api/v1/admin/audit-log?limit=1", { token: server.adminToken })).body.entries[0];
    expect([log.action, log.subject.id, log.actor.kind]).toEqual(["school.update", net.schoolA.id, "admin"]);
  });

  it("shows the form again with the message next to the field for a malformed code or one another school holds", async () => {
    const bad = await post(`/admin/schools/${net.schoolB.id}?lang=en`, admin, { name: "Het Stedelijk College", sector: "vo", brinCodes: "1234" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<p class="error" id="school-brinCodes-error">A BRIN code is two digits and two letters (12AB), optionally with two digits for the location (12AB01).</p>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(">1234</textarea>");
    const taken = await post(`/admin/schools/${net.schoolB.id}`, admin, { name: "Het Stedelijk College", sector: "vo", brinCodes: "12AB01" });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("BRIN-code 12AB01 hoort al bij De Regenboog.");
    expect((await schoolViaApi(net.schoolB.id)).brinCodes).toEqual([]);
  });

  it("makes a person broker, adds them to a school and removes them again", async () => {
    const chris = net.people.chris.id;
    const roles = await post(`/admin/people/${chris}/roles`, admin, { roles: ["broker"] });
    expect(roles.status).toBe(303);
    expect((await server.api("GET", `/api/v1/admin/users/${chris}`, { token: server.adminToken })).body.user.roles).toEqual(["broker"]);
    const added = await post(`/admin/schools/${net.schoolA.id}/members`, admin, { who: "CHRIS@test.knooppunt.nl", role: "coordinator" });
    expect(added.status).toBe(303);
    const members = async () => (await server.api("GET", `/api/v1/admin/schools/${net.schoolA.id}/members`, { token: server.adminToken })).body.members.map((m: { name: string; role: string }) => [m.name, m.role]);
    expect(await members()).toEqual([
      ["Test anna", "member"],
      ["Test bram", "coordinator"],
      ["Test chris", "coordinator"],
    ]);
    const nobody = await post(`/admin/schools/${net.schoolA.id}/members`, admin, { who: "niemand@test.knooppunt.nl", role: "member" });
    expect(nobody.status).toBe(400);
    expect(await nobody.text()).toContain("Er is niemand met dit e-mailadres of deze id.");
    const removed = await post(`/admin/schools/${net.schoolA.id}/members/remove`, admin, { userId: chris, back: `/admin/people/${chris}` });
    expect(removed.headers.get("Location")).toBe(`/admin/people/${chris}?notice=removed&lang=nl`);
    expect(await members()).toEqual([
      ["Test anna", "member"],
      ["Test bram", "coordinator"],
    ]);
  });

  it("adds a bestuur, an institute with domains, a community and a theme, and refuses a theme that exists", async () => {
    const existing = await post("/admin/themes", admin, { nameNl: "Ouderbetrokkenheid", nameEn: "Parental involvement", descriptionNl: "", descriptionEn: "", parent: "" });
    expect(existing.status).toBe(409);
    expect(await existing.text()).toContain('<p class="error" id="theme-nameNl-error">Er is al een thema met dit kenmerk.</p>');
    const bestuur = await post("/admin/besturen", admin, { name: "Stichting Eigenwijs", entraTenants: "6F1C2A3B-0D4E-4F5A-9B8C-7D6E5F4A3B2C", googleDomains: "eigenwijs.nl" });
    expect(bestuur.status).toBe(303);
    const besturen = (await server.api("GET", "/api/v1/admin/besturen", { token: server.adminToken })).body.besturen;
    expect(besturen.find((b: { name: string }) => b.name === "Stichting Eigenwijs")).toMatchObject({ entraTenants: ["6f1c2a3b-0d4e-4f5a-9b8c-7d6e5f4a3b2c"], googleDomains: ["eigenwijs.nl"] });
    expect((await post("/admin/institutes", admin, { name: "Fontys Pabo", kind: "pabo", domains: "fontys.nl" })).status).toBe(303);
    expect((await server.api("GET", "/api/v1/admin/institutes", { token: server.adminToken })).body.institutes).toEqual([expect.objectContaining({ name: "Fontys Pabo", domains: ["fontys.nl"] })]);
    expect((await post("/admin/communities", admin, { name: "Werkplaats Taal", kind: "werkplaats", open: "true" })).status).toBe(303);
    const theme = await post("/admin/themes", admin, { nameNl: "Buitenlessen in de wijk", nameEn: "Outdoor lessons in the neighbourhood", descriptionNl: "", descriptionEn: "", parent: "" });
    expect(theme.headers.get("Location")).toBe("/admin/themes/buitenlessen-in-de-wijk?notice=created&lang=nl");
    const edited = await post("/admin/themes/buitenlessen-in-de-wijk", admin, { nameNl: "Buitenlessen", nameEn: "Outdoor lessons", descriptionNl: "Leren buiten het lokaal.", descriptionEn: "Learning outside the classroom." });
    expect(edited.status).toBe(303);
    const themes = (await server.api("GET", "/api/v1/themes")).body.themes;
    expect(themes.find((t: { slug: string }) => t.slug === "buitenlessen-in-de-wijk")).toMatchObject({ name: { nl: "Buitenlessen", en: "Outdoor lessons" }, description: { nl: "Leren buiten het lokaal.", en: "Learning outside the classroom." } });
  });

  it("deletes an account only when its name is typed to confirm, as the audit log records", async () => {
    const eva = net.people.eva.id;
    const wrong = await post(`/admin/people/${eva}/delete`, admin, { sharedWork: "handOver", confirm: "Test Eva" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('<p class="error" id="delete-confirm-error">Typ de naam precies zoals hij bovenaan staat.</p>');
    expect((await server.api("GET", `/api/v1/admin/users/${eva}`, { token: server.adminToken })).status).toBe(200);
    const deleted = await post(`/admin/people/${eva}/delete`, admin, { sharedWork: "handOver", confirm: "Test eva" });
    expect(deleted.headers.get("Location")).toBe("/admin/people?notice=removed&lang=nl");
    expect((await server.api("GET", `/api/v1/admin/users/${eva}`, { token: server.adminToken })).status).toBe(404);
    const log = (await server.api("GET", "/api/v1/admin/audit-log?limit=1", { token: server.adminToken })).body.entries[0];
    expect([log.action, log.subject.id]).toEqual(["user.delete", eva]);
  });

  it("hands a deleted broker's bundles to the broker chosen on the page, as npm run admin's --hand-over-to does", async () => {
    const created = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Test hanna", email: "hanna@test.knooppunt.nl", password: "wachtwoord-hanna-2026", roles: ["broker"] } });
    const hanna = created.body.user.id as string;
    const token = (await server.api("POST", "/api/v1/auth/login", { body: { email: "hanna@test.knooppunt.nl", password: "wachtwoord-hanna-2026" } })).body.token as string;
    const bundle = (await server.api("POST", "/api/v1/bundles", { token, body: { title: "Meertalig lezen", about: "Thuistalen", themes: ["nt2"], audience: "network" } })).body.bundle;

    const page = await (await get(`/admin/people/${hanna}`, admin)).text();
    const heirs = [...new JSDOM(page).window.document.querySelectorAll('select[name="handOverTo"] option')].map((o) => [o.getAttribute("value"), o.textContent]);
    // Every other active broker, in the order of their e-mail addresses (an earlier test made one more).
    const users = (await server.api("GET", "/api/v1/admin/users?limit=100", { token: server.adminToken })).body.users as { id: string; name: string; email: string | null; roles: string[]; disabled: boolean }[];
    const brokers = users.filter((u) => u.id !== hanna && !u.disabled && u.roles.includes("broker")).sort((x, y) => (x.email ?? "").localeCompare(y.email ?? ""));
    expect(brokers.map((u) => u.name)).toContain("Test dewi");
    expect(heirs).toEqual([["", "'oud-collega' (geen makelaar gekozen)"], ...brokers.map((u) => [u.id, u.name])]);

    const deleted = await post(`/admin/people/${hanna}/delete`, admin, { sharedWork: "handOver", handOverTo: net.people.dewi.id, confirm: "Test hanna" });
    expect(deleted.headers.get("Location")).toBe("/admin/people?notice=removed&lang=nl");
    const asDewi = await server.api("GET", `/api/v1/bundles/${bundle.id}`, { token: net.people.dewi.token });
    expect(asDewi.body.bundle.curators).toEqual([{ id: net.people.dewi.id, name: "Test dewi", role: "owner" }]);
  });
});
