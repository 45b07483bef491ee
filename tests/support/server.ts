import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hc, type ClientResponse } from "hono/client";
import type { AppType } from "../../server/app";
import { startServer, type RunningServer, type StartOptions } from "../../server/server";
import type { ErrorBody } from "../../shared/schemas";

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function testClock(start = "2026-11-24T09:00:00.000Z"): TestClock {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The API typed from the server's routes: `client.api.v1.items.$get({ query: { q: "nt2" } })`. */
export type ApiClient = ReturnType<typeof hc<AppType>>;

export interface TestServer extends RunningServer {
  dir: string;
  databasePath: string;
  clock: TestClock;
  /** A raw request, for what the typed client cannot or should not send: hostile bodies, odd headers, feeds and pages. */
  api<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  /** The typed client, signed in with `token` (or anonymous without one). */
  client(token?: string): ApiClient;
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * The typed client for any running server at `url` (one started with `startServer` rather than
 * `startTestServer`), signed in with `token` or anonymous.
 */
export function apiClient(url: string, token?: string): ApiClient {
  return hc<AppType>(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

/** scrypt's N as a power of two for the accounts test servers make; production hashes at 15. */
export const TEST_PASSWORD_COST = 10;

export const ADMIN = { email: "beheer@test.knooppunt.nl", password: "beheer-wachtwoord-1" };

/** A real server on 127.0.0.1 with a fresh SQLite file in a temporary folder. */
export async function startTestServer(overrides: Partial<StartOptions> & { clock?: TestClock; dir?: string } = {}): Promise<TestServer> {
  const dir = overrides.dir ?? mkdtempSync(join(tmpdir(), "knooppunt-test-"));
  const databasePath = join(dir, "knooppunt.db");
  const clock = overrides.clock ?? testClock();
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    databasePath,
    publicUrl: null,
    admin: ADMIN,
    demo: false,
    trustProxy: false,
    webhookAllowHosts: ["127.0.0.1"],
    // Imports read no pages unless a test asks: their links point at sites these machines must not reach.
    importReadPages: false,
    // Deliveries come due on the test clock; a short poll lets the worker notice within a blink.
    jobs: { pollIntervalMs: 100 },
    // N=2^10 instead of 2^15: the suite makes hundreds of accounts and sign-ins on a shared machine.
    passwordCost: TEST_PASSWORD_COST,
    now: clock.now,
    ...overrides,
  });
  const api: TestServer["api"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const res = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Non-JSON bodies are returned as text.
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const login = await api("POST", "/api/v1/auth/login", { body: ADMIN });
  if (login.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(login.body)}`);
  return {
    ...server,
    dir,
    databasePath,
    clock,
    api,
    client: (token) => hc<AppType>(server.url, { headers: token ? { Authorization: `Bearer ${token}` } : {} }),
    adminToken: login.body.token,
    stop: async () => {
      await server.close();
      if (!overrides.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

type KeysOfAny<U> = U extends unknown ? keyof U : never;
type IsUnion<U, All = U> = U extends unknown ? ([All] extends [U] ? false : true) : never;
/**
 * One object type for a route's several answers (`{ item, existing: true } | { item }` becomes
 * `{ item; existing: true | undefined }`), so a test reads any field without narrowing first.
 */
type Merged<U> = true extends IsUnion<U> ? { [K in KeysOfAny<U>]: U extends unknown ? (K extends keyof U ? U[K] : undefined) : never } : U;
type JsonOf<R> = R extends ClientResponse<infer T, any, any> ? T : never;

export interface Reply<T> {
  status: number;
  headers: Headers;
  /** The answer as the route declares it; null for an empty body. */
  body: T;
  /** The contract's error, when the answer is one (4xx/5xx). */
  error: ErrorBody["error"] | undefined;
}

/**
 * Awaits a typed client call and reads its answer once: status, headers, the typed body, and the error
 * for a refusal. `const saved = await reply(anna.api.v1.items.$post({ json: { url } }))`.
 */
export async function reply<R extends ClientResponse<unknown, any, any>>(call: Promise<R>): Promise<Reply<Merged<JsonOf<R>>>> {
  const res = await call;
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  const error = res.status >= 400 ? (parsed as ErrorBody).error : undefined;
  return { status: res.status, headers: res.headers, body: parsed as Merged<JsonOf<R>>, error };
}

export interface Person {
  id: string;
  email: string;
  password: string;
  token: string;
}

/**
 * A small network built through the admin API: two schools, a community, and people inside and
 * outside each circle.
 */
export async function buildNetwork(server: TestServer) {
  const admin = server.client(server.adminToken).api.v1.admin;
  const ok = async <T>(call: Promise<Reply<T>>) => {
    const r = await call;
    if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const schoolA = (await ok(reply(admin.schools.$post({ json: { name: "De Regenboog", sector: "po", region: "Eindhoven", bestuur: "Stichting Kempenland" } })))).school;
  const schoolB = (await ok(reply(admin.schools.$post({ json: { name: "Het Stedelijk College", sector: "vo", region: "Eindhoven" } })))).school;
  const community = (await ok(reply(admin.communities.$post({ json: { name: "PLG Meertaligheid", kind: "leergemeenschap" } })))).community;

  const person = async (key: string, roles: "broker"[] = []): Promise<Person> => {
    const email = `${key}@test.knooppunt.nl`;
    const password = `wachtwoord-${key}-2026`;
    const user = (await ok(reply(admin.users.$post({ json: { name: `Test ${key}`, email, password, roles } })))).user;
    return { id: user.id, email, password, token: "" };
  };
  const people = {
    anna: await person("anna"), // school A, community member
    bram: await person("bram"), // school A
    chris: await person("chris"), // school B
    dewi: await person("dewi", ["broker"]), // community owner, no school
    eva: await person("eva"), // outsider: no school, no community
  };
  const inSchool = (schoolId: string, who: Person, role: "member" | "coordinator") =>
    ok(reply(admin.schools[":id"].members[":userId"].$put({ param: { id: schoolId, userId: who.id }, json: { role } })));
  const inCommunity = (who: Person, role: "member" | "owner") =>
    ok(reply(admin.communities[":id"].members[":userId"].$put({ param: { id: community.id, userId: who.id }, json: { role } })));
  await inSchool(schoolA.id, people.anna, "member");
  await inSchool(schoolA.id, people.bram, "coordinator");
  await inSchool(schoolB.id, people.chris, "member");
  await inCommunity(people.anna, "member");
  await inCommunity(people.dewi, "owner");
  const login = server.client().api.v1.auth.login;
  for (const p of Object.values(people)) {
    p.token = (await ok(reply(login.$post({ json: { email: p.email, password: p.password } })))).token;
  }
  return { schoolA, schoolB, community, people };
}

/**
 * The capability key the server gave an offer, read from its database: the one value a link for that
 * school must carry. The API only ever shows it inside a URL, so a test that checks a URL's key needs
 * the stored one to compare with.
 */
export function offerKey(server: TestServer, offerId: string): string {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    const row = db.prepare("SELECT capability_key AS key FROM offers WHERE id = ?").get(offerId) as { key: string } | undefined;
    if (!row) throw new Error(`no offer ${offerId} in the database`);
    return row.key;
  } finally {
    db.close();
  }
}
