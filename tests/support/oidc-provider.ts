/**
 * A real OpenID provider on 127.0.0.1 for the sign-in tests: the `oidc-provider` package, configured per
 * family with that family's claims (an Entree-like provider releases no e-mail and a BRIN code; an
 * Entra-like one a tenant and an object id in the ID token; a Google-like one `hd` and `email_verified`).
 * A test defines the accounts; the provider's own login form (oidc-provider's development interactions)
 * is driven over plain HTTP (`signInOverHttp`) or filled in by Chromium. A test can also make the provider
 * misbehave as a hostile or broken one would: answer with another nonce, or sign an ID token for another
 * issuer or audience.
 */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import type { SignInProviderSettings } from "../../server/services/sign-in/providers";

export type Family = SignInProviderSettings["family"];

export interface TestAccount {
  /** What is typed into the provider's login form; also the account's `sub`. */
  login: string;
  /** The claims the provider releases for this account (besides `sub`). */
  claims: Record<string, unknown>;
}

/** The claims each family's provider releases, by scope, as the real ones name them. */
const CLAIMS_BY_FAMILY: Record<Family, Record<string, string[]>> = {
  entree: { profile: ["uid", "givenName", "sn", "eduPersonAffiliation", "nlEduPersonHomeOrganizationId", "nlEduPersonHomeOrganization"] },
  surfconext: { profile: ["name", "given_name", "family_name", "schac_home_organization", "eduperson_affiliation"], email: ["email", "email_verified"] },
  entra: { profile: ["name", "tid", "oid", "preferred_username"], email: ["email"] },
  google: { profile: ["name", "given_name", "family_name", "hd"], email: ["email", "email_verified"] },
};

export interface Tampering {
  /** The nonce the provider puts in the ID token instead of the one asked for. */
  nonce?: string;
  /** Re-sign the ID token with this `iss`. */
  issuer?: string;
  /** Re-sign the ID token with this `aud`. */
  audience?: string;
}

export interface TestProvider {
  issuer: string;
  family: Family;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  tamper: Tampering;
  /** Settings for SIGN_IN_PROVIDERS. */
  settings(id: string, extra?: Partial<SignInProviderSettings>): SignInProviderSettings;
  addAccount(account: TestAccount): void;
  /** Registers Knooppunt as this provider's client with these redirect URIs; the provider answers from then on. */
  register(redirectUris: string[]): void;
  close(): Promise<void>;
}

/** Re-signs an ID token with changed claims, with the provider's own key: a signature that checks out, claims that must not. */
function resign(idToken: string, change: Record<string, unknown>, key: KeyObject, kid: string) {
  const payload = JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString("utf8"));
  const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT", kid })).toString("base64url");
  const body = Buffer.from(JSON.stringify({ ...payload, ...change })).toString("base64url");
  const signature = sign("sha256", Buffer.from(`${header}.${body}`), key).toString("base64url");
  return `${header}.${body}.${signature}`;
}

/**
 * Listens first and answers once `register` gave it Knooppunt's redirect URIs: the provider's address goes
 * into the server's settings, and the server's address into the provider's client.
 */
export async function startTestProvider(family: Family, options: { accounts?: TestAccount[]; clientId?: string } = {}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = options.clientId ?? `knooppunt-${family}`;
  const clientSecret = `secret-of-${clientId}-that-is-long-enough`;
  const accounts = new Map((options.accounts ?? []).map((a) => [a.login, a]));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = `key-${family}`;
  const jwk = { ...privateKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const tamper: Tampering = {};

  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  server.on("request", (req, res) => {
    if (handle) return handle(req, res);
    res.writeHead(503).end();
  });
  const register = (redirectUris: string[]) => {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [`cookie-key-${family}-0123456789`] },
    claims: { openid: ["sub"], ...CLAIMS_BY_FAMILY[family] },
    // Entra and Google put their claims in the ID token; Entree and SURFconext are read from userinfo too.
    conformIdTokenClaims: family === "entree" || family === "surfconext",
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: { devInteractions: { enabled: true }, userinfo: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
    },
    // Consent is the provider's business, not ours: every client here is first-party, granted what it asks.
    async loadExistingGrant(ctx: any) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(String(ctx.oidc.params.scope ?? "openid"));
      await grant.save();
      return grant;
    },
    renderError(ctx: any, out: Record<string, string>) {
      ctx.type = "html";
      ctx.body = `<!doctype html><title>error</title><p>${Object.values(out).join(" ")}</p>`;
    },
  });
  provider.use(async (ctx, next) => {
    if (tamper.nonce && ctx.path === "/auth" && ctx.method === "GET") {
      const query = new URLSearchParams(ctx.querystring);
      if (query.has("nonce")) {
        query.set("nonce", tamper.nonce);
        ctx.querystring = query.toString();
      }
    }
    await next();
    if ((tamper.issuer || tamper.audience) && ctx.path === "/token" && ctx.body && typeof ctx.body === "object") {
      const body = ctx.body as { id_token?: string };
      if (body.id_token) {
        const change: Record<string, unknown> = {};
        if (tamper.issuer) change.iss = tamper.issuer;
        if (tamper.audience) change.aud = tamper.audience;
        body.id_token = resign(body.id_token, change, privateKey, kid);
      }
    }
  });
  handle = provider.callback();
  };

  return {
    issuer,
    family,
    clientId,
    clientSecret,
    accounts,
    tamper,
    settings: (id, extra = {}) => ({ id, family, issuer, clientId, clientSecret, unmatched: "network", ...extra }),
    addAccount: (account) => void accounts.set(account.login, account),
    register,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An address where nothing listens: a provider that is down. */
export async function unusedAddress(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Cookies per origin, as a browser keeps them (enough for the provider's interaction cookies and our session). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();

  header(url: string): string {
    const jar = this.jars.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }

  store(url: string, response: Response) {
    const origin = new URL(url).origin;
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(url: string, name: string) {
    return this.jars.get(new URL(url).origin)?.get(name);
  }

  async fetch(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set("Cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(url, response);
    return response;
  }
}

/**
 * Starts a sign-in at `startUrl` and signs in at the provider as `login`, following redirects by hand
 * and submitting the provider's login form, until the provider sends the browser back to Knooppunt.
 * Returns that callback address without requesting it, so a test can request it (or replay it).
 */
export async function signInAtProvider(jar: CookieJar, startUrl: string, login: string, init: RequestInit = {}): Promise<string> {
  const appOrigin = new URL(startUrl).origin;
  let response = await jar.fetch(startUrl, init);
  if (response.status !== 302) throw new Error(`start answered ${response.status}: ${await response.text()}`);
  let url = new URL(response.headers.get("Location")!, startUrl).href;
  for (let step = 0; step < 12; step++) {
    if (new URL(url).origin === appOrigin) return url;
    response = await jar.fetch(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("Location")!, url).href;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action || !page.includes('name="login"')) throw new Error(`unexpected provider page (${response.status}): ${page.slice(0, 500)}`);
    response = await jar.fetch(new URL(action.replace(/&amp;/g, "&"), url).href, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
    });
    if (response.status < 300 || response.status >= 400) throw new Error(`login form answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    url = new URL(response.headers.get("Location")!, url).href;
  }
  throw new Error("too many redirects at the provider");
}
