import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer, type StartOptions } from "../../server/server";

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

export interface TestServer extends RunningServer {
  dir: string;
  databasePath: string;
  clock: TestClock;
  api<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  adminToken: string;
  stop(): Promise<void>;
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
    adminToken: login.body.token,
    stop: async () => {
      await server.close();
      if (!overrides.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
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
  const admin = server.adminToken;
  const ok = async <T = any>(p: Promise<ApiResponse<T>>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const schoolA = (await ok(server.api("POST", "/api/v1/admin/schools", { token: admin, body: { name: "De Regenboog", sector: "po", region: "Eindhoven", bestuur: "Stichting Kempenland" } }))).school;
  const schoolB = (await ok(server.api("POST", "/api/v1/admin/schools", { token: admin, body: { name: "Het Stedelijk College", sector: "vo", region: "Eindhoven" } }))).school;
  const community = (await ok(server.api("POST", "/api/v1/admin/communities", { token: admin, body: { name: "PLG Meertaligheid", kind: "leergemeenschap" } }))).community;

  const person = async (key: string, roles: string[] = []): Promise<Person> => {
    const email = `${key}@test.knooppunt.nl`;
    const password = `wachtwoord-${key}-2026`;
    const user = (await ok(server.api("POST", "/api/v1/admin/users", { token: admin, body: { name: `Test ${key}`, email, password, roles } }))).user;
    return { id: user.id, email, password, token: "" };
  };
  const people = {
    anna: await person("anna"), // school A, community member
    bram: await person("bram"), // school A
    chris: await person("chris"), // school B
    dewi: await person("dewi", ["broker"]), // community owner, no school
    eva: await person("eva"), // outsider: no school, no community
  };
  await ok(server.api("PUT", `/api/v1/admin/schools/${schoolA.id}/members/${people.anna.id}`, { token: admin, body: { role: "member" } }));
  await ok(server.api("PUT", `/api/v1/admin/schools/${schoolA.id}/members/${people.bram.id}`, { token: admin, body: { role: "coordinator" } }));
  await ok(server.api("PUT", `/api/v1/admin/schools/${schoolB.id}/members/${people.chris.id}`, { token: admin, body: { role: "member" } }));
  await ok(server.api("PUT", `/api/v1/admin/communities/${community.id}/members/${people.anna.id}`, { token: admin, body: { role: "member" } }));
  await ok(server.api("PUT", `/api/v1/admin/communities/${community.id}/members/${people.dewi.id}`, { token: admin, body: { role: "owner" } }));
  for (const p of Object.values(people)) {
    p.token = (await ok(server.api("POST", "/api/v1/auth/login", { body: { email: p.email, password: p.password } }))).token;
  }
  return { schoolA, schoolB, community, people };
}
