/**
 * A teacher signs in with their school account in a real Chromium: Knooppunt sends the browser to an
 * Entree-like provider, the teacher fills in the provider's form, and comes back signed in, in the school
 * of their BRIN code, with a session cookie that opens the API in that browser. The sign-in pages pass axe.
 */
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBestuur, addInstitute, addSchool, census, startSchoolAccountWorld, type SchoolAccountWorld } from "../support/school-accounts";
import { axeViolations } from "../support/axe";

const TENANT = "0d9e8f7a-2222-4333-8444-155566677788";
const SCHOOL_TENANT = "5a6b7c8d-1111-4222-8333-944455566677";

let world: SchoolAccountWorld;
let browser: Browser;
let schoolId: string;

beforeAll(async () => {
  world = await startSchoolAccountWorld([
    {
      id: "entree",
      family: "entree",
      accounts: [{ login: "juf-mila", claims: { givenName: "Mila", sn: "Bakker", eduPersonAffiliation: ["employee", "member"], nlEduPersonHomeOrganizationId: "07KL", nlEduPersonHomeOrganization: "OBS De Linde" } }],
    },
    {
      id: "microsoft",
      family: "entra",
      accounts: [
        { login: "pairwise-x", claims: { oid: "oid-noor", tid: TENANT, name: "Noor de Wit" } },
        { login: "pairwise-y", claims: { oid: "oid-karin", tid: SCHOOL_TENANT, name: "Karin Bos", preferred_username: "k.bos@hetbaken.nl" } },
      ],
    },
    {
      id: "surf",
      family: "surfconext",
      accounts: [{ login: "surf-docent", claims: { name: "Petra Jansen", email: "p.jansen@pabo-noord.nl", email_verified: true, schac_home_organization: "pabo-noord.nl", eduperson_affiliation: ["employee"] } }],
    },
    {
      id: "google",
      family: "google",
      accounts: [{ login: "google-1001", claims: { name: "Lotte Visser", email: "lotte@montessori-noord.nl", email_verified: true, hd: "montessori-noord.nl" } }],
    },
  ]);
  addSchool(world.server, "Het Baken", { entraTenants: [SCHOOL_TENANT] });
  addSchool(world.server, "Montessori Noord", { googleDomains: ["montessori-noord.nl"] });
  addInstitute(world.server, "Pabo Noord", ["pabo-noord.nl"]);
  schoolId = addSchool(world.server, "OBS De Linde", { brinCodes: ["07KL01"] });
  const bestuur = addBestuur(world.server, "Stichting Rivierenland", { entraTenants: [TENANT] });
  addSchool(world.server, "De Waalkant", { bestuurId: bestuur });
  addSchool(world.server, "De Maaskant", { bestuurId: bestuur });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

/** Fills in the provider's own login form (oidc-provider's) as the teacher would. */
async function signInAtProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("wachtwoord-bij-de-provider");
  await page.locator('button[type="submit"]').click();
}

describe("signing in with a school account in Chromium", () => {
  it("Entree: the first sign-in lands in the school of the BRIN code, and the session cookie opens /api/v1/me", async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    try {
      const page = await context.newPage();
      const startedAt = Date.now();
      await page.goto(`${world.server.url}/auth/oidc/entree/start?returnTo=%2Fprivacy`);
      expect(new URL(page.url()).origin).toBe(world.providers.entree!.issuer);
      await signInAtProvider(page, "juf-mila");
      await page.waitForURL(`${world.server.url}/privacy`, { timeout: 30_000 });
      console.log(`[e2e] school-account sign-in: ${Date.now() - startedAt} ms from start to signed in`);

      const cookies = await context.cookies(world.server.url);
      const session = cookies.find((c) => c.name === "kp_session");
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe("Lax");

      const me = await page.goto(`${world.server.url}/api/v1/me`);
      expect(me!.status()).toBe(200);
      const body = await me!.json();
      expect(body.user).toEqual({ id: body.user.id, name: "Mila Bakker", email: null, roles: [] });
      expect(body.schools).toEqual([{ id: schoolId, name: "OBS De Linde", role: "member" }]);
      expect(body.identities.map((i: any) => [i.provider, i.family, i.organisation])).toEqual([["entree", "entree", "07KL"]]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("SURFconext, Microsoft and Google: each first sign-in lands in its organisation, and the second finds the same person", async () => {
    const cases = [
      { provider: "surf", login: "surf-docent", name: "Petra Jansen", email: "p.jansen@pabo-noord.nl", schools: [], institutes: ["Pabo Noord"] },
      { provider: "microsoft", login: "pairwise-y", name: "Karin Bos", email: null, schools: ["Het Baken"], institutes: [] },
      { provider: "google", login: "google-1001", name: "Lotte Visser", email: "lotte@montessori-noord.nl", schools: ["Montessori Noord"], institutes: [] },
    ];
    for (const expected of cases) {
      const ids: string[] = [];
      for (const round of ["first", "second"]) {
        const before = census(world.server);
        const context = await browser.newContext({ locale: "nl-NL" });
        try {
          const page = await context.newPage();
          await page.goto(`${world.server.url}/auth/oidc/${expected.provider}/start?returnTo=%2Fprivacy`);
          await signInAtProvider(page, expected.login);
          await page.waitForURL(`${world.server.url}/privacy`, { timeout: 30_000 });
          const me = await (await page.goto(`${world.server.url}/api/v1/me`))!.json();
          ids.push(me.user.id);
          expect([round, me.user.name, me.user.email, me.schools.map((s: any) => [s.name, s.role]), (me.institutes ?? []).map((i: any) => [i.name, i.role])]).toEqual([
            round,
            expected.name,
            expected.email,
            expected.schools.map((s) => [s, "member"]),
            expected.institutes.map((i) => [i, "member"]),
          ]);
          // The first sign-in makes one person with one school account; the second only a new session.
          const after = census(world.server);
          expect([after.users - before.users, after.identities - before.identities]).toEqual(round === "first" ? [1, 1] : [0, 0]);
        } finally {
          await context.close();
        }
      }
      expect(ids[1]).toBe(ids[0]);
    }
  }, 180_000);

  it("Entra: the choose-your-school page is keyboard usable and axe-clean, and the chosen school is joined", async () => {
    const context = await browser.newContext({ locale: "nl-NL", bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(`${world.server.url}/auth/oidc/microsoft/start`);
      await signInAtProvider(page, "pairwise-x");
      await page.waitForURL(`${world.server.url}/auth/choose-school?returnTo=%2F`, { timeout: 30_000 });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Kies je school");
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel("De Waalkant").focus();
      await page.keyboard.press("Space");
      await page.getByRole("button", { name: "Word lid van deze school" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`${world.server.url}/`, { timeout: 30_000 });
      const me = await (await page.goto(`${world.server.url}/api/v1/me`))!.json();
      expect(me.schools.map((s: any) => s.name)).toEqual(["De Waalkant"]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("a sign-in that went wrong shows a clear page that passes axe, and creates nothing", async () => {
    const context = await browser.newContext({ locale: "en-GB", bypassCSP: true });
    try {
      const before = census(world.server);
      const page = await context.newPage();
      const response = await page.goto(`${world.server.url}/auth/oidc/entree/callback?code=made-up&state=made-up`);
      expect(response!.status()).toBe(400);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This sign-in has expired or was already used");
      expect(await axeViolations(page)).toEqual([]);
      expect(census(world.server)).toEqual(before);
    } finally {
      await context.close();
    }
  }, 120_000);
});
