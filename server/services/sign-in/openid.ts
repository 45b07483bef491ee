/**
 * The OpenID Connect side of a sign-in, all through openid-client: discovery (on first use, then cached
 * per provider), the authorization URL with PKCE, state and nonce, and the code exchange that checks the
 * state, the nonce, the PKCE verifier, the ID token's signature, issuer and audience.
 */
import type * as OpenIdClient from "openid-client";
import type { Claims } from "./claims";
import { SignInProblem } from "./problems";
import { issuerIsHttps, scopesOf, type SignInProviderSettings } from "./providers";

/**
 * One discovery per provider settings object (so per running app). A failed discovery is forgotten, so a
 * provider that was down at the first sign-in is asked again at the next; a provider down at start does
 * not stop the server, since nothing is asked before the first sign-in.
 */
const configurations = new WeakMap<SignInProviderSettings, Promise<OpenIdClient.Configuration>>();

/**
 * openid-client (with jose and oauth4webapi) is loaded at the first discovery, not at start: most servers
 * have no school-account providers, and those that do need it only once someone signs in. Every use below
 * comes after a discovery, which sets it.
 */
let client: typeof OpenIdClient;

const DISCOVERY_TIMEOUT_SECONDS = 10;

/** Asks the provider for its configuration now. */
async function discover(provider: SignInProviderSettings): Promise<OpenIdClient.Configuration> {
  client ??= await import("openid-client");
  const configuration = await client.discovery(new URL(provider.issuer), provider.clientId, { client_secret: provider.clientSecret }, client.ClientSecretBasic(provider.clientSecret), {
    timeout: DISCOVERY_TIMEOUT_SECONDS,
    // Plain http only for a provider on this machine (the settings refuse any other); every other
    // provider keeps openid-client's https-only default.
    execute: issuerIsHttps(provider.issuer) ? [] : [client.allowInsecureRequests],
  });
  configuration.timeout = DISCOVERY_TIMEOUT_SECONDS;
  return configuration;
}

export function providerConfiguration(provider: SignInProviderSettings): Promise<OpenIdClient.Configuration> {
  let found = configurations.get(provider);
  if (!found) {
    found = discover(provider);
    configurations.set(provider, found);
    found.catch(() => configurations.delete(provider));
  }
  return found.catch((error) => {
    throw new SignInProblem("provider_unavailable", `discovery at ${provider.issuer} failed: ${(error as Error).message}`, { cause: error });
  });
}

export type ProviderHealth = { reachable: true } | { reachable: false; reason: string };

/**
 * Asks the provider for its configuration now, for the administrators' status page: the cached answer
 * says only that discovery worked once, not that the provider answers today. A success also refreshes
 * the cache, so the next sign-in uses what the provider just said.
 */
export async function checkProvider(provider: SignInProviderSettings): Promise<ProviderHealth> {
  try {
    const configuration = await discover(provider);
    configurations.set(provider, Promise.resolve(configuration));
    return { reachable: true };
  } catch (error) {
    return { reachable: false, reason: (error as Error).message };
  }
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function authorizationStart(provider: SignInProviderSettings, redirectUri: string): Promise<AuthorizationStart> {
  const configuration = await providerConfiguration(provider);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: scopesOf(provider),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export interface VerifiedAnswer {
  /** The ID token's `iss`, checked against the provider's (for Entra's multi-tenant issuers, the tenant's). */
  issuer: string;
  /** The ID token's claims with the userinfo endpoint's beside them (the ID token's win where both say something). */
  claims: Claims;
}

/**
 * Exchanges the code in the provider's answer (`callbackUrl`, the redirect URI with the answer's query)
 * and checks everything openid-client checks. Refusals by the provider, failed checks and a provider that
 * does not answer become the sign-in problem the person is shown.
 */
export async function verifyAnswer(
  provider: SignInProviderSettings,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedAnswer> {
  const configuration = await providerConfiguration(provider);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw asProblem(error);
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new SignInProblem("answer_rejected", "no ID token");
  let userinfo: Claims = {};
  if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
    try {
      userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    } catch (error) {
      throw asProblem(error);
    }
  }
  return { issuer: idClaims.iss, claims: { ...userinfo, ...idClaims } };
}

function asProblem(error: unknown): SignInProblem {
  if (error instanceof SignInProblem) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return new SignInProblem("provider_refused", `${error.error}: ${error.error_description ?? ""}`, { cause: error });
  }
  // A provider that does not answer, or answers with something other than OAuth: it is down, not us refusing.
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return new SignInProblem("provider_unavailable", error.message, { cause: error });
  if ((error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError") return new SignInProblem("provider_unavailable", (error as Error).message, { cause: error });
  if (error instanceof client.ResponseBodyError && (error.status ?? 0) >= 500) return new SignInProblem("provider_unavailable", error.message, { cause: error });
  return new SignInProblem("answer_rejected", (error as Error)?.message ?? String(error), { cause: error });
}
