import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_PAGE_CSP } from "../../server/pages/page-http";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";
import { openTestWebSession, type TestWebSession } from "../support/web-session";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let admin: TestWebSession;
let anna: TestWebSession;
let roos: Person;
let community: { id: string; name: string };
let bundleId: string;
let questionId: string;

const api = (method: string, path: string, body?: unknown, token = server.adminToken) => server.api(method, `/api/v1${path}`, { token, body });

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const adminId = (await api("GET", "/me")).body.user.id as string;
  admin = openTestWebSession(server, adminId);
  anna = openTestWebSession(server, net.people.anna.id);

  // Roos: a broker at De Regenboog who owns a werkplaats, a bundle and a leervraag, and saved in every circle.
  const email = "roos@test.knooppunt.nl";
  const password = "wachtwoord-roos-2026";
  const user = (await api("POST", "/admin/users", { name: "Test roos", email, password, roles: ["broker"] })).body.user;
  await api("PUT", `/admin/schools/${net.schoolA.id}/members/${user.id}`, { role: "member" });
  community = (await api("POST", "/admin/communities", { name: "Werkplaats Taal", kind: "werkplaats" })).body.community;
  await api("PUT", `/admin/communities/${community.id}/members/${user.id}`, { role: "owner" });
  for (const member of [net.people.anna, net.people.bram]) {
    server.clock.advance(60_000);
    await api("PUT", `/admin/communities/${community.id}/members/${member.id}`, { role: "member" });
  }
  const token = (await server.api("POST", "/api/v1/auth/login", { body: { email, password } })).body.token as string;
  roos = { id: user.id, email, password, token };
  let n = 0;
  for (const [visibility, count] of [["private", 2], ["school", 3], ["community", 1], ["network", 1]] as const) {
    for (let i = 0; i < count; i += 1) {
      n += 1;
      const extra = visibility === "community" ? { communityId: community.id } : {};
      expect((await api("POST", "/items", { url: `https://www.voorbeeld.nl/roos/${n}`, title: `Artikel ${n}`, visibility, ...extra }, token)).status).toBe(201);
    }
  }
  bundleId = (await api("POST", "/bundles", { title: "Taal in de wereldoriëntatie", about: "Taalgericht vakonderwijs", themes: ["nt2"], audience: "network" }, token)).body.bundle.id;
  questionId = (await api("POST", "/questions", { question: "Hoe helpen we nieuwkomers bij rekenen?", themes: ["nt2"], visibility: "network" }, net.people.anna.token)).body.question.id;
  expect((await api("POST", `/questions/${questionId}/claim`, { mode: "own" }, token)).status).toBe(200);
});
afterAll(() => server.stop());

const get = (path: string, session?: TestWebSession, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { ...(session ? { Cookie: session.cookie } : {}), ...headers }, redirect: "manual" });

const post = (path: string, session: TestWebSession | undefined, fields: Record<string, string>, withCsrf = true) => {
  const body = new URLSearchParams(fields);
  if (session && withCsrf) body.append("_csrf", session.csrfToken);
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(session ? { Cookie: session.cookie } : {}) },
    body,
    redirect: "manual",
  });
};

const documentOf = async (res: Response) => new JSDOM(await res.text()).window.document;
const cells = (doc: Document, table: string) => [...doc.querySelectorAll(`#${table} tbody tr`)].map((row) => [...row.children].map((cell) => cell.textContent!.trim()));

const page = (query = "") => `/admin/people/${roos.id}/hand-over${query}`;
const stillActive = async () => (await api("GET", "/me", undefined, roos.token)).status;

describe("the hand-over page", () => {
  it("is only for administrators with a web session", async () => {
    const signedOut = await get(page());
    expect([signedOut.status, signedOut.headers.get("Location")]).toEqual([303, `/login?next=/admin/people/${roos.id}/hand-over`]);
    const notAdmin = await get(page(), anna);
    expect(notAdmin.status).toBe(404);
    expect(await notAdmin.text()).not.toContain("Werkplaats Taal");
    expect((await get("/admin/people/bestaat-niet/hand-over", admin)).status).toBe(404);
  });

  it("is linked from the person's page", async () => {
    const doc = await documentOf(await get(`/admin/people/${roos.id}`, admin));
    expect([...doc.querySelectorAll("a")].filter((a) => a.textContent === "Vertrek: werk overdragen").map((a) => a.getAttribute("href"))).toEqual([`/admin/people/${roos.id}/hand-over?lang=nl`]);
  });

  it("shows the counts per circle and who would receive each bundle, community and leervraag, in Dutch or English", async () => {
    const res = await get(page(), admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toBe(FORM_PAGE_CSP);
    const doc = await documentOf(res);
    expect(doc.querySelector("h1")!.textContent).toBe("Werk overdragen: Test roos");
    const shared = "blijft in de kring, 'bewaard door een oud-collega' (of wordt verwijderd, als je dat kiest)";
    expect(cells(doc, "hand-over-saves")).toEqual([
      ["community", "1", shared],
      ["school", "3", shared],
      ["netwerk", "1", shared],
      ["openbaar", "0", shared],
      ["privé", "2", "wordt nooit overgedragen: blijft bij het uitgeschakelde account, of verdwijnt als het account wordt verwijderd"],
    ]);
    expect(cells(doc, "hand-over-bundles")).toEqual([
      ["Taal in de wereldoriëntatie (concept)", "oud-collega / former colleaguewordt verwijderd als je kiest voor verwijderen (niemand anders werkt eraan)"],
    ]);
    expect(cells(doc, "hand-over-communities")).toEqual([["Werkplaats Taal", "Test anna"]]);
    expect(cells(doc, "hand-over-questions")).toEqual([["Hoe helpen we nieuwkomers bij rekenen?", "vrijgegeven: weer open voor alle makelaars"]]);

    const english = await documentOf(await get(page("?lang=en"), admin));
    expect(english.querySelector("h1")!.textContent).toBe("Hand over work: Test roos");
    expect(cells(english, "hand-over-saves")[4]).toEqual(["private", "2", "never handed over: stays with the disabled account, or goes when the account is deleted"]);
  });

  it("names the broker and the member picked, and carries exactly those choices into the confirmation", async () => {
    const doc = await documentOf(await get(page(`?handOverTo=${net.people.dewi.id}&owner.${community.id}=${net.people.bram.id}`), admin));
    expect(cells(doc, "hand-over-bundles")).toEqual([["Taal in de wereldoriëntatie (concept)", "Test dewiwordt verwijderd als je kiest voor verwijderen (niemand anders werkt eraan)"]]);
    expect(cells(doc, "hand-over-communities")).toEqual([["Werkplaats Taal", "Test bram"]]);
    expect(cells(doc, "hand-over-questions")).toEqual([["Hoe helpen we nieuwkomers bij rekenen?", "Test dewi"]]);
    const hidden = [...doc.querySelectorAll('form[method="post"] input[type="hidden"]')].filter((i) => i.getAttribute("name") !== "_csrf").map((i) => [i.getAttribute("name"), i.getAttribute("value")]);
    expect(hidden).toEqual([
      ["handOverTo", net.people.dewi.id],
      [`owner.${community.id}`, net.people.bram.id],
    ]);
    const picks = [...doc.querySelectorAll(`select[name="owner.${community.id}"] option`)].map((o) => [o.getAttribute("value"), o.textContent, o.hasAttribute("selected")]);
    expect(picks).toEqual([
      ["", "zoals hierboven voorgesteld", false],
      [net.people.anna.id, "Test anna", false],
      [net.people.bram.id, "Test bram", true],
    ]);
  });

  it("refuses a confirmation without the CSRF token, without the name typed, or with someone outside the community, and changes nothing", async () => {
    const choices = { sharedWork: "handOver", leaving: "disable", handOverTo: net.people.dewi.id };
    const forged = await post(page(), admin, { ...choices, confirm: "Test roos" }, false);
    expect(forged.status).toBe(403);

    const unnamed = await post(page(), admin, { ...choices, confirm: "Roos" });
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toContain('<p class="error" id="hand-over-confirm-error">Typ de naam precies zoals hij bovenaan staat.</p>');

    const outsider = await post(page(), admin, { ...choices, [`owner.${community.id}`]: net.people.eva.id, confirm: "Test roos" });
    expect(outsider.status).toBe(400);
    const doc = await documentOf(outsider);
    expect([...doc.querySelectorAll(".problems li")].map((li) => li.textContent)).toEqual(["De nieuwe eigenaar moet een actief lid van de gemeenschap zijn."]);

    expect(await stillActive()).toBe(200);
    expect((await api("GET", `/questions/${questionId}`, undefined, net.people.anna.token)).body.question.brokers.map((b: { id: string }) => b.id)).toEqual([roos.id]);
  });

  it("disables the account and hands the work over as confirmed, as the audit log records", async () => {
    const res = await post(page(), admin, { sharedWork: "handOver", leaving: "disable", handOverTo: net.people.dewi.id, [`owner.${community.id}`]: net.people.bram.id, confirm: "Test roos" });
    expect([res.status, res.headers.get("Location")]).toEqual([303, `/admin/people/${roos.id}?notice=saved&lang=nl`]);
    expect(await stillActive()).toBe(401);
    expect((await api("GET", `/admin/users/${roos.id}`)).body.user.disabled).toBe(true);
    expect((await api("GET", `/admin/users/${net.people.bram.id}`)).body.memberships.communities).toEqual([{ id: community.id, name: "Werkplaats Taal", role: "owner" }]);
    expect((await api("GET", `/bundles/${bundleId}`, undefined, net.people.dewi.token)).body.bundle.curators).toEqual([{ id: net.people.dewi.id, name: "Test dewi", role: "owner" }]);
    const log = (await api("GET", "/admin/audit-log?limit=1")).body.entries[0];
    expect([log.action, log.subject.id, log.details]).toEqual([
      "user.hand-over",
      roos.id,
      { leaving: "disable", sharedWork: "handOver", handOverTo: net.people.dewi.id, savesHandedOver: 5, savesRemoved: 0, privateSavesKept: 2, bundlesHandedOver: 1, bundlesRemoved: 0, communitiesHandedOver: 1, questionsHandedOver: 1, questionsReleased: 0 },
    ]);

    // What is left is the private saves, never handed over: the page says so for the disabled account.
    const after = await documentOf(await get(page(), admin));
    expect(after.querySelector(".hint")!.textContent).toBe("Dit account is al uitgeschakeld. Je kunt het werk nu alsnog overdragen.");
    expect(cells(after, "hand-over-saves").map((row) => row.slice(0, 2))).toEqual([
      ["community", "0"],
      ["school", "0"],
      ["netwerk", "0"],
      ["openbaar", "0"],
      ["privé", "2"],
    ]);
  });

  it("deletes the account when that is confirmed instead", async () => {
    const res = await post(page(), admin, { sharedWork: "remove", leaving: "delete", handOverTo: "", confirm: "Test roos" });
    expect([res.status, res.headers.get("Location")]).toEqual([303, "/admin/people?notice=removed&lang=nl"]);
    expect((await api("GET", `/admin/users/${roos.id}`)).status).toBe(404);
    const log = (await api("GET", "/admin/audit-log?limit=2")).body.entries.map((e: { action: string; details: { savesRemoved?: number } }) => [e.action, e.details.savesRemoved]);
    // Only private saves were left: they go with the account, and that is no hand-over.
    expect(log).toEqual([
      ["user.delete", 2],
      ["user.hand-over", 0],
    ]);
  });
});
