/**
 * A Knooppunt with school-account sign-in for tests: real OpenID providers (one per family asked for) on
 * 127.0.0.1, a test server configured with them, organisations registered with BRIN codes, domains and
 * tenants, and counts of what a refused sign-in must not have created.
 */
import { count } from "drizzle-orm";
import { newId } from "../../server/core/ids";
import { besturen, identities, institutes, schoolMembers, schools, signInFlows, tokens, users } from "../../server/db/schema";
import type { SignInProviderSettings } from "../../server/services/sign-in/providers";
import { CookieJar, signInAtProvider, startTestProvider, type Family, type TestAccount, type TestProvider } from "./oidc-provider";
import { startTestServer, type TestServer } from "./server";

export interface SchoolAccountWorld {
  server: TestServer;
  providers: Record<string, TestProvider>;
  stop(): Promise<void>;
}

export interface ProviderPlan {
  id: string;
  family: Family;
  accounts?: TestAccount[];
  settings?: Partial<SignInProviderSettings>;
}

export async function startSchoolAccountWorld(
  plans: ProviderPlan[],
  extraSettings: SignInProviderSettings[] = [],
  serverOptions: Parameters<typeof startTestServer>[0] = {},
): Promise<SchoolAccountWorld> {
  const providers: Record<string, TestProvider> = {};
  for (const plan of plans) providers[plan.id] = await startTestProvider(plan.family, { accounts: plan.accounts });
  const settings = plans.map((plan) => providers[plan.id]!.settings(plan.id, plan.settings));
  const server = await startTestServer({ ...serverOptions, signInProviders: [...settings, ...extraSettings] });
  for (const plan of plans) providers[plan.id]!.register([`${server.url}/auth/oidc/${plan.id}/callback`]);
  return {
    server,
    providers,
    stop: async () => {
      await server.stop();
      for (const p of Object.values(providers)) await p.close();
    },
  };
}

const at = "2026-11-01T00:00:00.000Z";

export function addBestuur(server: TestServer, name: string, lists: { entraTenants?: string[]; googleDomains?: string[] } = {}) {
  const id = newId();
  server.ctx.db.insert(besturen).values({ id, name, entraTenants: lists.entraTenants ?? [], googleDomains: lists.googleDomains ?? [], createdAt: at }).run();
  return id;
}

export function addSchool(server: TestServer, name: string, lists: { brinCodes?: string[]; entraTenants?: string[]; googleDomains?: string[]; bestuurId?: string } = {}) {
  const id = newId();
  server.ctx.db
    .insert(schools)
    .values({
      id,
      name,
      sector: "po",
      region: null,
      bestuurId: lists.bestuurId ?? null,
      brinCodes: lists.brinCodes ?? [],
      entraTenants: lists.entraTenants ?? [],
      googleDomains: lists.googleDomains ?? [],
      createdAt: at,
    })
    .run();
  return id;
}

export function addInstitute(server: TestServer, name: string, domains: string[]) {
  const id = newId();
  server.ctx.db.insert(institutes).values({ id, name, kind: "pabo", domains, createdAt: at }).run();
  return id;
}

/** How many people, identities, sessions and memberships exist: a refused sign-in changes none of them. */
export function census(server: TestServer) {
  const n = (table: typeof users | typeof identities | typeof tokens | typeof schoolMembers | typeof signInFlows) => server.ctx.db.select({ n: count() }).from(table).get()!.n;
  return { users: n(users), identities: n(identities), tokens: n(tokens), schoolMembers: n(schoolMembers) };
}

export const flowCount = (server: TestServer) => server.ctx.db.select({ n: count() }).from(signInFlows).get()!.n;

/** A browser's whole sign-in over HTTP: start, the provider's login form, and the callback; the jar holds the session. */
export async function signInOverHttp(server: TestServer, providerId: string, login: string, jar = new CookieJar(), returnTo?: string) {
  const start = `${server.url}/auth/oidc/${providerId}/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`;
  const callback = await signInAtProvider(jar, start, login);
  const response = await jar.fetch(callback);
  const body = await response.text();
  return { jar, callback, response, body, session: jar.get(server.url, "kp_session") };
}

/** GET /api/v1/me with the jar's session cookie. */
export async function meWithCookie(server: TestServer, jar: CookieJar) {
  const response = await jar.fetch(`${server.url}/api/v1/me`);
  return { status: response.status, body: (await response.json()) as any };
}
