/**
 * The contract's hardest promise: nothing a client sends may yield a 500, and every error has the shape
 * `{"error": {"code", "message", "issues"?}}`. Routes are added all the time, so the list of operations
 * comes from the running server's own OpenAPI document rather than from a list kept here: a new route is
 * attacked the day it appears. Bodies are derived from each route's request schema, so every field gets
 * wrong types, huge and unusual text, and invalid dates and URLs.
 *
 * Each test collects every bad answer before asserting, so one run shows all problems at once.
 */
import { request as httpRequest } from "node:http";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

type Role = "admin" | "broker" | "coordinator" | "member" | "anonymous";
const ROLES: Role[] = ["admin", "broker", "coordinator", "member", "anonymous"];

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  default?: unknown;
};

interface Operation {
  method: string;
  template: string;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  bodySchema: JsonSchema | null;
}

interface Probe {
  method: string;
  path: string;
  role: Role;
  /** What was hostile about this request, for the report. */
  input: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  /** Routes for people (/b, /t) answer a miss with an HTML page by design, not with error JSON. */
  htmlPage?: boolean;
}

interface Finding {
  probe: Probe;
  status: number | "no response";
  body: string;
}

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let operations: Operation[] = [];
/** Everything the server logged as an unexpected failure: the stack traces behind any 500. */
const serverErrors: string[] = [];
const originalConsoleError = console.error;

/** Real ids, recreated per test because each test also sends the destructive requests (DELETE, logout). */
interface Fixtures {
  tokens: Record<Exclude<Role, "anonymous">, string>;
  itemId: string;
  bundleId: string;
  bundleSlug: string;
  offerId: string;
  hookId: string;
  apiTokenId: string;
}
let fx: Fixtures;
/**
 * The target of every user id in a path, so hostile admin requests cannot demote or disable the people
 * whose tokens the test uses.
 */
let victim: Person;
/** Sessions that no probe ever uses, so logout and token deletion cannot lock the test out of fixtures. */
let masterTokens: Record<Exclude<Role, "anonymous">, string>;
let fixtureCount = 0;

// --------------------------------------------------------------------------------------------------
// Hostile values

const HUGE = "a".repeat(100 * 1024);
const UNICODE = "\u{1F4A5}\u{1F469}\u200D\u{1F52C} \u202Eשלום\u202C \u0645\u0631\u062D\u0628\u0627 \u200B\u200C\u200D\uFEFF e\u0301 \u{1D54F} \uD800 \u0000 ﷽";
/** The same text without its lone surrogate, which encodeURIComponent cannot express. */
const UNICODE_ENCODABLE = UNICODE.replace(/[\uD800-\uDFFF]/g, "");
const NUL_TEXT = "nul\u0000byte";
const LONE_SURROGATE = "\uDFFF\uD800";
const INVALID_DATES = ["2026-02-30T25:61:61Z", "not-a-date", "0000-00-00", "+275760-09-13T00:00:00.001Z", "9999999999999"];
// IP literals and malformed URLs only: the server resolves webhook host names, and the test may not
// make it talk to anything but itself.
const INVALID_URLS = ["javascript:alert(1)", "http://[::1", "https://user:pw@127.0.0.1/x", "https://169.254.169.254/latest/meta-data", "ftp://127.0.0.1/", "https://%00/", "//no-scheme", "http://0x7f.1:99999/"];
const SQLISH = `"NT2" OR (`;
const HOSTILE_PATH_VALUES = [
  "x".repeat(5000),
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  encodeURIComponent(UNICODE_ENCODABLE),
  "%00",
  "%",
  "%FF%FE",
  "%E0%A4%A",
  "0",
  "-1",
  "1e309",
  "__proto__",
  encodeURIComponent("' OR 1=1 --"),
  "null",
];
const CURSORS = [
  "garbage",
  "%00",
  "x".repeat(499),
  b64("null"),
  b64("[]"),
  b64('{"q":1e999,"s":1e999}'),
  b64('{"q":-1e999,"c":"\\u0000"}'),
  b64('{"q":9007199254740993,"c":5}'),
  b64('{"at":"","id":""}'),
  b64('{"at":"9999-99-99","id":"\'"}'),
  b64('{"c":"x","i":"y"}'),
  b64('{"__proto__":{"q":1,"s":1}}'),
];
/** Query strings sent to every route, whether or not it declares query parameters. */
const GLOBAL_QUERIES = [
  "limit=-1",
  "limit=1e9",
  "limit=abc",
  "limit=0",
  "limit=1&limit=2&limit=3",
  "limit=",
  ...CURSORS.map((c) => `cursor=${encodeURIComponent(c)}`),
  "cursor=a&cursor=b",
  `q=${encodeURIComponent(SQLISH)}`,
  `q=${encodeURIComponent('NEAR( "a" * ^ -x:y')}`,
  `q=${encodeURIComponent(UNICODE_ENCODABLE)}`,
  "q=%00",
  "q=%FF",
  `q=${"%22".repeat(500)}`,
  "q=a&q=b",
  "%=%",
  "&&&==&",
  "__proto__[x]=1&constructor[prototype][y]=2",
];

function b64(text: string) {
  return Buffer.from(text).toString("base64url");
}

/** Marks a value that must appear in the JSON text as written (JSON.stringify cannot express 1e999). */
const rawMarker = (raw: string) => `\u0001RAW:${raw}\u0001`;
const toJson = (value: unknown) => JSON.stringify(value).replace(/"\\u0001RAW:(.*?)\\u0001"/g, (_, raw: string) => JSON.parse(`"${raw}"`));

function deepArray(depth: number) {
  return "[".repeat(depth) + "]".repeat(depth);
}
function deepObject(depth: number) {
  return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

// --------------------------------------------------------------------------------------------------
// Schemas → bodies

function alternatives(schema: JsonSchema): JsonSchema[] {
  const list = schema.anyOf ?? schema.oneOf;
  if (list) return list.flatMap(alternatives);
  if (schema.allOf) return [Object.assign({}, ...schema.allOf)];
  return [schema];
}

function jsonTypes(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  for (const alt of alternatives(schema)) {
    const t = alt.type ?? (alt.enum ? typeof alt.enum[0] : alt.const !== undefined ? typeof alt.const : alt.properties ? "object" : undefined);
    for (const one of Array.isArray(t) ? t : t ? [t] : []) types.add(one === "integer" ? "number" : one);
  }
  return types;
}

/** A plausible valid value, so that a single hostile field is what the server has to deal with. */
function example(schema: JsonSchema, name: string): unknown {
  const alt = alternatives(schema).find((a) => a.type !== "null") ?? schema;
  if (alt.const !== undefined) return alt.const;
  if (alt.enum) return alt.enum[0];
  const type = Array.isArray(alt.type) ? alt.type[0] : alt.type ?? (alt.properties ? "object" : "string");
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of alt.required ?? []) out[key] = example(alt.properties?.[key] ?? {}, key);
      return out;
    }
    case "array": {
      const min = alt.minItems ?? 0;
      return Array.from({ length: Math.max(min, /ids$/i.test(name) ? 1 : 0) }, () => example(alt.items ?? {}, name.replace(/s$/, "")));
    }
    case "integer":
    case "number":
      return alt.minimum !== undefined ? Math.max(alt.minimum, 1) : 1;
    case "boolean":
      return false;
    default:
      return exampleString(alt, name);
  }
}

function exampleString(schema: JsonSchema, name: string): string {
  const key = name.toLowerCase();
  if (schema.format === "email" || key.includes("email")) return `hostile-${++fixtureCount}@test.knooppunt.nl`;
  if (schema.format === "date-time") return "2026-11-24T09:00:00.000Z";
  if (schema.format === "date") return "2026-11-24";
  if (key.includes("url")) return `${server.url}/hostile-sink/${fixtureCount}`;
  if (key.includes("password")) return "wachtwoord-hostile-2026";
  if (key.startsWith("school") || key.startsWith("institute")) return net.schoolA.id;
  if (key.startsWith("communit")) return net.community.id;
  if (key.startsWith("item")) return fx.itemId;
  if (key.startsWith("user") || key.startsWith("curator")) return victim.id;
  if (key.startsWith("theme") || key === "slug" || key === "parent") return "nt2";
  const min = schema.minLength ?? 1;
  return "hostile".padEnd(min, "x");
}

interface BodyCase {
  input: string;
  body: string;
  /** Not JSON, or not an object: no route can accept it. */
  malformed?: boolean;
}

/** Every field, nested ones too, set to each hostile value its type invites, the others kept valid. */
function fieldCases(schema: JsonSchema, base: unknown, prefix: string[], depth: number): BodyCase[] {
  const objectSchema = alternatives(schema).find((a) => a.properties);
  if (!objectSchema?.properties || depth > 3) return [];
  const cases: BodyCase[] = [];
  for (const [key, fieldSchema] of Object.entries(objectSchema.properties)) {
    const path = [...prefix, key];
    const label = path.join(".");
    const types = jsonTypes(fieldSchema);
    const values: [string, unknown][] = [];
    const wrong: [string, unknown][] = [
      ["number", 12345],
      ["string", "not the right type"],
      ["boolean", true],
      ["array", [1, null, { x: "y" }]],
      ["object", { unexpected: ["nested"] }],
    ];
    for (const [type, value] of wrong) if (!types.has(type)) values.push([`wrong type ${type}`, value]);
    if (!types.has("null")) values.push(["null", null]);
    values.push(["deep nesting", rawMarker(deepArray(5000))]);
    if (types.has("string")) {
      values.push(["100 KB string", HUGE], ["emoji/RTL/zero-width", UNICODE], ["NUL byte", NUL_TEXT], ["lone surrogates", LONE_SURROGATE], ["empty string", ""], ["SQL-ish", SQLISH]);
      // Every field would get these too, but each accepted request may hash a password: the run has to
      // stay short, so they go where a parser for dates or URLs is actually at work.
      if (isDateField(fieldSchema, key)) for (const date of INVALID_DATES) values.push([`invalid date ${date}`, date]);
      if (/url/i.test(key)) for (const url of INVALID_URLS) values.push([`invalid URL ${url}`, url]);
    }
    if (types.has("number")) {
      values.push(["1e999", rawMarker("1e999")], ["-1e999", rawMarker("-1e999")], ["2^53+1", rawMarker("9007199254740993")], ["-1", -1], ["1.5", 1.5], ["1e308", 1e308], ["-0", rawMarker("-0")]);
    }
    if (types.has("array")) {
      values.push(["5000 elements", Array.from({ length: 5000 }, (_, i) => `el-${i}`)], ["array of hostile text", [UNICODE, HUGE.slice(0, 20_000), "", NUL_TEXT]], ["array of wrong types", [null, 1, true, [], {}]]);
    }
    for (const [what, value] of values) {
      const body = setAt(base, path, value);
      cases.push({ input: `${label}: ${what}`, body: toJson(body) });
    }
    const fieldBase = getAt(base, path) ?? example(fieldSchema, key);
    const withNested = setAt(base, path, fieldBase);
    cases.push(...fieldCases(fieldSchema, withNested, path, depth + 1));
  }
  return cases;
}

function isDateField(schema: JsonSchema, key: string): boolean {
  return /(^|[a-z])(At|Date|date)$|^(since|until|from|to)$/.test(key) || alternatives(schema).some((a) => a.format === "date-time" || a.format === "date");
}

function getAt(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) current = current && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  const object = value && typeof value === "object" && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  object[head] = setAt(object[head], rest, replacement);
  return object;
}

/** Bodies that do not depend on a route's schema. */
function genericBodies(base: unknown): BodyCase[] {
  const baseJson = toJson(base);
  const withExtra = (extra: string) => (baseJson === "{}" || !baseJson.startsWith("{") ? `{${extra}}` : `${baseJson.slice(0, -1)},${extra}}`);
  return [
    { input: "malformed JSON `{`", body: "{", malformed: true },
    { input: "malformed JSON (trailing comma)", body: '{"a":1,}', malformed: true },
    { input: "JSON with a BOM", body: `\uFEFF${baseJson}` },
    { input: "JSON array", body: "[]", malformed: true },
    { input: "JSON array of the valid body", body: `[${baseJson}]`, malformed: true },
    { input: "JSON string", body: '"just a string"', malformed: true },
    { input: "JSON number", body: "42", malformed: true },
    { input: "JSON null", body: "null", malformed: true },
    { input: "JSON true", body: "true", malformed: true },
    { input: "empty object", body: "{}" },
    { input: "unknown fields", body: withExtra('"unknownField":"x","id":"forged","role":"admin","roles":["admin"],"ownerId":"forged"') },
    { input: "__proto__ and constructor keys", body: withExtra('"__proto__":{"polluted":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":true}}') },
    { input: "duplicate keys", body: withExtra('"dup":1,"dup":{"x":[]}') },
    { input: "unknown field nested 5000 deep", body: withExtra(`"deep":${deepArray(5000)}`) },
    { input: "body nested 100000 deep (array)", body: deepArray(100_000) },
    { input: "body nested 20000 deep (object)", body: deepObject(20_000) },
    { input: "50 000 unknown keys", body: `{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(",")}}` },
    { input: "100 KB key name", body: withExtra(`"${HUGE}":1`) },
    { input: "every field a 100 KB string", body: toJson(mapValues(base, () => HUGE)) },
  ];
}

function mapValues(value: unknown, f: (v: unknown) => unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return f(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapValues(v, f)]));
}

// --------------------------------------------------------------------------------------------------
// Routes, roles, ids

function readOperations(document: any): Operation[] {
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries<any>(document.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(methods)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const params: any[] = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        template,
        pathParams: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        queryParams: params.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        bodySchema: op.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  }
  return ops;
}

/** The role most likely to get past authorisation into the route's own handling. */
function suitableRole(op: Operation): Role {
  const p = op.template;
  if (p.includes("/admin/") || (p.startsWith("/api/v1/themes") && op.method !== "GET")) return "admin";
  if (p.startsWith("/api/v1/bundles") || p === "/api/v1/brokers") return "broker";
  if (p.startsWith("/api/v1/schools/{id}") || p.startsWith("/api/v1/offers/")) return "coordinator";
  if (p.startsWith("/feeds/") || p.startsWith("/b/") || p.startsWith("/t/") || p === "/api/v1/auth/login") return "anonymous";
  return "member";
}

/** A real id for a path parameter, chosen by the path segment in front of it. */
function realValue(template: string, param: string): string {
  const segments = template.split("/");
  const before = segments[segments.indexOf(`{${param}}`) - 1] ?? "";
  if (template.startsWith("/feeds/")) {
    if (before === "themes") return "nt2.atom";
    if (before === "schools") return `${net.schoolA.id}.rss`;
    return `${fx.bundleSlug}.json`;
  }
  switch (before) {
    case "tokens":
      return fx.apiTokenId;
    case "users":
    case "members":
    case "curators":
      return victim.id;
    case "schools":
    case "institutes":
      return net.schoolA.id;
    case "communities":
      return net.community.id;
    case "items":
      return fx.itemId;
    case "bundles":
      return fx.bundleId;
    case "offers":
      return fx.offerId;
    case "webhooks":
      return fx.hookId;
    case "b":
      return fx.bundleSlug;
    case "themes":
    case "t":
      return "nt2";
    default:
      // A route this file does not know yet still gets every hostile value; only the "real id" is a guess.
      return "unknown-id";
  }
}

const fill = (op: Operation, values: Record<string, string> = {}) =>
  op.template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? realValue(op.template, name));

const isPage = (op: Operation) => op.template.startsWith("/b/") || op.template.startsWith("/t/") || op.template.startsWith("/auth/");

/** Logging out revokes the caller's token and deleting removes the real fixtures: those go last. */
const phaseOf = (method: string, path: string) => (path === "/api/v1/auth/logout" ? 2 : method === "DELETE" ? 1 : 0);

async function freshFixtures(): Promise<Fixtures> {
  const must = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await server.api(method, path, { token, body });
    if (res.status >= 300) throw new Error(`fixture ${method} ${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const n = ++fixtureCount;
  // Named API tokens, not logins: logging in hashes a password, which is the slowest thing this server does.
  const mint = async (role: Exclude<Role, "anonymous">) => (await must("POST", "/api/v1/tokens", masterTokens[role], { name: `hostile ${role} ${n}` })).secret as string;
  const tokens = { admin: await mint("admin"), broker: await mint("broker"), coordinator: await mint("coordinator"), member: await mint("member") };
  const itemId = (await must("POST", "/api/v1/items", tokens.member, { url: `https://www.voorbeeld.nl/vijandig/${n}`, title: `Bron ${n}`, visibility: "network" })).item.id;
  const draft = (await must("POST", "/api/v1/bundles", tokens.broker, { title: `Bundel ${n}`, about: "Over", use: "Gebruik", themes: ["nt2"], audience: "network" })).bundle;
  const filled = (await must("PUT", `/api/v1/bundles/${draft.id}/items`, tokens.broker, { version: draft.version, items: [{ itemId, note: "Lees" }] })).bundle;
  const published = (await must("POST", `/api/v1/bundles/${filled.id}/publish`, tokens.broker)).bundle;
  const offerId = (await must("POST", `/api/v1/bundles/${published.id}/offers`, tokens.broker, { schoolIds: [net.schoolA.id] })).offers[0].id;
  // Deliveries go to the test server itself (a 404), so the worker talks to nothing else.
  const hookId = (await must("POST", `/api/v1/schools/${net.schoolA.id}/webhooks`, tokens.coordinator, { url: `${server.url}/hostile-sink`, format: "json" })).webhook.id;
  const apiTokenId = (await must("POST", "/api/v1/tokens", tokens.member, { name: `hostile ${n}` })).token.id;
  return { tokens, itemId, bundleId: published.id, bundleSlug: published.slug, offerId, hookId, apiTokenId };
}

// --------------------------------------------------------------------------------------------------
// Sending and judging

interface Answer {
  status: number;
  text: string;
  contentType: string;
}

function headersOf(probe: Probe): Record<string, string> {
  const headers: Record<string, string> = { ...probe.headers };
  if (probe.role !== "anonymous" && !Object.keys(headers).some((h) => h.toLowerCase() === "authorization")) {
    headers.Authorization = `Bearer ${fx.tokens[probe.role]}`;
  }
  return headers;
}

/** Like a real client: fetch, with its pool of keep-alive connections. */
async function send(probe: Probe): Promise<Answer> {
  const body = typeof probe.body === "function" ? probe.body() : probe.body;
  const res = await fetch(`${server.url}${probe.path}`, { method: probe.method, headers: headersOf(probe), body, duplex: "half" } as RequestInit);
  return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") ?? "" };
}

/**
 * The same request on a connection of its own. When fetch got no answer, this tells whether the request
 * itself is unanswerable or whether it fell victim to what happened earlier on a reused connection.
 */
function sendOnFreshConnection(probe: Probe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}${probe.path}`);
    const headers = headersOf(probe);
    const body = typeof probe.body === "function" ? probe.body() : probe.body;
    if (typeof body === "string") headers["Content-Length"] = String(Buffer.byteLength(body));
    else if (body instanceof Uint8Array) headers["Content-Length"] = String(body.byteLength);
    const req = httpRequest({ host: url.hostname, port: url.port, method: probe.method, path: url.pathname + url.search, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), contentType: String(res.headers["content-type"] ?? "") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body === undefined) req.end();
    else if (typeof body === "string" || body instanceof Uint8Array) req.end(body);
    else Readable.fromWeb(body as never).pipe(req);
  });
}

function contractError(text: string): boolean {
  try {
    const body = JSON.parse(text);
    const error = body?.error;
    return (
      typeof error?.code === "string" &&
      error.code.length > 0 &&
      typeof error.message === "string" &&
      error.message.length > 0 &&
      (error.issues === undefined || Array.isArray(error.issues))
    );
  } catch {
    return false;
  }
}

function breaksContract(probe: Probe, res: Answer): boolean {
  // The sign-in pages answer every refusal with a page for the person (401 not signed in, 403, 409…), never JSON.
  const htmlMiss = probe.htmlPage && (res.status === 404 || probe.path.startsWith("/auth/")) && res.contentType.startsWith("text/html");
  return res.status >= 500 || (res.status >= 400 && !htmlMiss && !contractError(res.text));
}

async function runAll(probes: Probe[], concurrency = 12): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const phase of [0, 1, 2]) {
    const queue = probes.filter((p) => phaseOf(p.method, p.path.split("?")[0]!) === phase);
    const worker = async () => {
      for (let probe = queue.shift(); probe; probe = queue.shift()) {
        let res: Answer;
        try {
          res = await send(probe);
        } catch (error) {
          // A closed connection is no answer at all, which the contract does not allow either. The retry
          // only makes the report say whether this request or an earlier one on the connection caused it.
          const cause = String((error as Error).cause ?? error);
          const retry = await sendOnFreshConnection(probe).then(
            (r) => `a retry on a fresh connection got ${r.status}${breaksContract(probe, r) ? ` ${r.text.slice(0, 200)}` : " (fine)"}`,
            (e) => `a retry on a fresh connection got no response either (${String(e)})`,
          );
          findings.push({ probe, status: "no response", body: `${cause}; ${retry}` });
          continue;
        }
        if (breaksContract(probe, res)) findings.push({ probe, status: res.status, body: res.text });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  return findings;
}

function report(findings: Finding[]): string {
  if (findings.length === 0) return "";
  const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const lines = findings.map(
    (f) => `- ${f.probe.method} ${shorten(f.probe.path, 160)} as ${f.probe.role}, ${f.probe.input} → ${f.status} ${shorten(f.body.replace(/\s+/g, " "), 300)}`,
  );
  const traces = [...new Set(serverErrors)].slice(0, 10).map((e) => shorten(e, 1500));
  return [
    `${findings.length} request(s) broke the error contract:`,
    ...lines.slice(0, 200),
    ...(lines.length > 200 ? [`… and ${lines.length - 200} more`] : []),
    ...(traces.length ? ["", "Server stack traces:", ...traces] : []),
  ].join("\n");
}

// --------------------------------------------------------------------------------------------------
// Probes

function bodyProbes(op: Operation, role: Role, full: boolean): Probe[] {
  const base = op.bodySchema ? example(op.bodySchema, "body") : {};
  const path = fill(op);
  // Other roles get the bodies no schema accepts: whether a role is refused before or after parsing, the
  // answer must be a 4xx. (Bodies that pass validation would mostly repeat the main role's password hashing.)
  const cases = full ? [...genericBodies(base), ...(op.bodySchema ? fieldCases(op.bodySchema, base, [], 0) : [])] : genericBodies(base).filter((c) => c.malformed);
  return cases.map((c) => ({ method: op.method, path, role, input: c.input, body: c.body, headers: { "Content-Type": "application/json" }, htmlPage: isPage(op) }));
}

function headerProbes(op: Operation, role: Role): Probe[] {
  const path = fill(op);
  const base = op.bodySchema ? toJson(example(op.bodySchema, "body")) : "{}";
  const htmlPage = isPage(op);
  const probe = (input: string, headers: Record<string, string>, body?: Probe["body"]): Probe => ({ method: op.method, path, role, input, headers, body, htmlPage });
  const probes: Probe[] = [
    probe("Authorization: Bearer (empty)", { Authorization: "Bearer " }),
    probe("Authorization: Basic", { Authorization: "Basic YWRtaW46YWRtaW4=" }),
    probe("Authorization: forged token", { Authorization: "Bearer ' OR 1=1 --" }),
    probe("Authorization: 8 KB token", { Authorization: `Bearer ${"t".repeat(8000)}` }),
    probe("Authorization: latin-1 bytes", { Authorization: "Bearer \u00e9\u00ff\u00fe" }),
    probe("Authorization: two tokens", { Authorization: `Bearer ${role === "anonymous" ? "x" : fx.tokens[role]} extra` }),
    probe("Accept: nonsense, Accept-Language: hostile", { Accept: "*/*;q=foo, text/html;q=9", "Accept-Language": "\u00e9\u00e9;q=-1, *;q=2" }),
    probe("If-None-Match/If-Modified-Since garbage", { "If-None-Match": '"x", W/"", *', "If-Modified-Since": "Fri, 99 Foo 20260 99:99:99 GMT" }),
  ];
  if (op.method !== "GET" && op.method !== "DELETE") {
    probes.push(
      probe("Content-Type: text/plain", { "Content-Type": "text/plain" }, base),
      probe("Content-Type: form", { "Content-Type": "application/x-www-form-urlencoded" }, "a=1&b=2"),
      probe("Content-Type: multipart", { "Content-Type": "multipart/form-data; boundary=x" }, "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n"),
      probe("Content-Type: garbage", { "Content-Type": ";;;/\u00e9" }, base),
      probe("no Content-Type", {}, base),
      probe("Content-Type: json, empty body", { "Content-Type": "application/json" }, ""),
      probe("Content-Type: json; charset=utf-16, UTF-16 body", { "Content-Type": "application/json; charset=utf-16" }, new Uint8Array(Buffer.from(base, "utf16le"))),
      probe("Content-Type: json, invalid UTF-8", { "Content-Type": "application/json" }, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])),
      probe("Content-Type: vnd+json, valid body", { "Content-Type": "application/vnd.hostile+json" }, base),
      probe("chunked 150 KB body without Content-Length", { "Content-Type": "application/json" }, () => chunked(`${base.slice(0, -1)}${base === "{}" ? "" : ","}"pad":"${"p".repeat(150_000)}"}`)),
      probe("Idempotency-Key: non-ASCII", { "Content-Type": "application/json", "Idempotency-Key": "cl\u00e9" }, base),
      probe("Idempotency-Key: 300 chars", { "Content-Type": "application/json", "Idempotency-Key": "k".repeat(300) }, base),
      probe("Idempotency-Key: empty", { "Content-Type": "application/json", "Idempotency-Key": "" }, base),
    );
  }
  return probes;
}

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 16_384));
      offset += 16_384;
    },
  });
}

function queryProbes(op: Operation, role: Role, full: boolean): Probe[] {
  const path = fill(op);
  const base = op.bodySchema ? toJson(example(op.bodySchema, "body")) : undefined;
  const headers = base ? { "Content-Type": "application/json" } : undefined;
  // A write ignores paging and search parameters, and each accepted login or new user costs a password
  // hash: writes get a sample of the hostile query strings, reads get them all.
  const queries = op.method === "GET" ? [...GLOBAL_QUERIES] : GLOBAL_QUERIES.filter((_, i) => i % 6 === 0);
  if (full) {
    for (const { name } of op.queryParams) {
      const hostile = ["", "x".repeat(3000), "%00", "%FF", encodeURIComponent(UNICODE_ENCODABLE), "-1", "1e309", encodeURIComponent(SQLISH), "true", "null", "[object Object]"];
      for (const value of hostile) queries.push(`${name}=${value}`);
      queries.push(Array.from({ length: 200 }, (_, i) => `${name}=v${i}`).join("&"));
      queries.push(`${name}[]=a&${name}[x]=b`);
    }
  }
  return queries.map((q) => ({ method: op.method, path: `${path}?${q}`, role, input: `query ${q.length > 120 ? `${q.slice(0, 120)}…` : q}`, body: base, headers, htmlPage: isPage(op) }));
}

function pathProbes(op: Operation, role: Role): Probe[] {
  const base = op.bodySchema ? toJson(example(op.bodySchema, "body")) : undefined;
  const headers = base ? { "Content-Type": "application/json" } : undefined;
  const probes: Probe[] = [];
  for (const param of op.pathParams) {
    for (const value of HOSTILE_PATH_VALUES) {
      probes.push({ method: op.method, path: fill(op, { [param]: value }), role, input: `path {${param}} = ${value.length > 60 ? `${value.slice(0, 60)}… (${value.length} chars)` : value}`, body: base, headers, htmlPage: isPage(op) });
    }
  }
  return probes;
}

/**
 * Each of these walks every route with thousands of requests: the body walk takes about 50 s on an idle
 * 2-core machine since the sign-in and administration routes came, the others 10–15 s. Under load (CI
 * beside other work) the same walk may take three times as long; the limit only catches a hang.
 */
const FUZZ_TIMEOUT_MS = 300_000;

// --------------------------------------------------------------------------------------------------

beforeAll(async () => {
  // The server runs in this process: its own log of unexpected errors is the stack trace to report.
  console.error = (...args: unknown[]) => {
    serverErrors.push(args.map((a) => (a instanceof Error ? a.stack ?? String(a) : String(a))).join(" "));
    originalConsoleError(...args);
  };
  // Login is rate limited; hostile login bodies must reach validation and the password check, not a 429.
  server = await startTestServer({ loginLimits: { perEmail: 1_000_000, perAddress: 1_000_000, windowMs: 60_000 } });
  net = await buildNetwork(server);
  masterTokens = { admin: server.adminToken, broker: net.people.dewi.token, coordinator: net.people.bram.token, member: net.people.anna.token };
  const email = "victim@test.knooppunt.nl";
  const created = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Victim", email, password: "wachtwoord-victim-2026" } });
  victim = { id: created.body.user.id, email, password: "wachtwoord-victim-2026", token: "" };
  const res = await server.api("GET", "/api/v1/openapi.json");
  operations = readOperations(res.body);
});

afterAll(async () => {
  console.error = originalConsoleError;
  await server?.stop();
});

describe("hostile input", () => {
  it("finds the whole API in the server's own OpenAPI document", () => {
    // Guards the tests below against silently attacking nothing.
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((op) => op.bodySchema).length).toBeGreaterThan(15);
  });

  it("answers every malformed or mistyped body on every route with a 4xx in the contract's shape, for every role and anonymously", { timeout: FUZZ_TIMEOUT_MS }, async () => {
    fx = await freshFixtures();
    const probes: Probe[] = [];
    for (const op of operations) {
      if (op.method === "GET" || op.method === "DELETE") continue;
      const main = suitableRole(op);
      probes.push(...bodyProbes(op, main, true));
      for (const role of ROLES) if (role !== main) probes.push(...bodyProbes(op, role, false));
    }
    const findings = await runAll(probes);
    expect(findings.length, report(findings)).toBe(0);
    // Fields nobody may set through these bodies (roles, ids, owners) were dropped, not applied.
    const rolesOf = async (token: string) => (await server.api("GET", "/api/v1/me", { token })).body.user.roles;
    expect(await rolesOf(masterTokens.member)).toEqual([]);
    expect(await rolesOf(masterTokens.coordinator)).toEqual([]);
    expect(await rolesOf(masterTokens.broker)).toEqual(["broker"]);
    for (const path of ["/api/v1/items/forged", "/api/v1/bundles/forged"]) {
      expect((await server.api("GET", path, { token: masterTokens.admin })).status, path).toBe(404);
    }
  });

  it("answers hostile path parameters on every route with a 4xx in the contract's shape", { timeout: FUZZ_TIMEOUT_MS }, async () => {
    fx = await freshFixtures();
    const probes = operations.flatMap((op) => [...pathProbes(op, suitableRole(op)), ...(suitableRole(op) === "anonymous" ? [] : pathProbes(op, "anonymous"))]);
    const findings = await runAll(probes);
    expect(findings.length, report(findings)).toBe(0);
  });

  it("answers hostile query strings (bad limits, forged cursors, search syntax, repeated parameters) on every route without a 500 and with errors in the contract's shape", { timeout: FUZZ_TIMEOUT_MS }, async () => {
    fx = await freshFixtures();
    const probes = operations.flatMap((op) => {
      const main = suitableRole(op);
      return [...queryProbes(op, main, true), ...(main === "anonymous" || op.method !== "GET" ? [] : queryProbes(op, "anonymous", false))];
    });
    const findings = await runAll(probes);
    expect(findings.length, report(findings)).toBe(0);
  });

  it("answers wrong content types, broken encodings, forged tokens and bad idempotency keys on every route with a 4xx in the contract's shape", { timeout: FUZZ_TIMEOUT_MS }, async () => {
    fx = await freshFixtures();
    // Headers are checked before any role matters (content type, token); the suitable role and anonymous
    // cover both sides of authentication.
    const probes = operations.flatMap((op) => [...new Set([suitableRole(op), "anonymous" as const])].flatMap((role) => headerProbes(op, role)));
    // Methods no route has, and a path no route has: the fallbacks must speak the contract too.
    for (const op of operations) probes.push({ method: "PURGE", path: fill(op), role: "member", input: "unknown method PURGE" });
    probes.push({ method: "GET", path: "/api/v1/does-not-exist/%FF/..%2F", role: "anonymous", input: "unknown path" });
    const findings = await runAll(probes);
    expect(findings.length, report(findings)).toBe(0);
  });

  it("answers a large body (1 MB, under the 2 MB limit) with a 4xx even on routes that refuse it without reading it", async () => {
    fx = await freshFixtures();
    // A client that uploads a big clip to a route that says 401/403/404 before reading the body must still
    // get that answer, not a closed connection.
    const large = JSON.stringify({ text: "t".repeat(1024 * 1024) });
    const probes: Probe[] = [];
    for (const op of operations) {
      const method = op.method === "GET" ? "POST" : op.method;
      for (const role of ["anonymous", "member"] as const) {
        probes.push({ method, path: fill(op), role, input: "1 MB JSON body", body: large, headers: { "Content-Type": "application/json" }, htmlPage: isPage(op) });
      }
    }
    const findings = await runAll(probes);
    expect(findings.length, report(findings)).toBe(0);
  });

  it("lets no request body reach Object.prototype", () => {
    // The __proto__/constructor bodies above ran in this process; a merge that honours them would show here.
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.roles).toBeUndefined();
  });

  it("logged no unexpected server error while being attacked", () => {
    expect([...new Set(serverErrors)], serverErrors.slice(0, 5).join("\n\n")).toEqual([]);
  });
});
