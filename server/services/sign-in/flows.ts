/**
 * A school-account sign-in from start to end: the flow stored while the person is at their provider (only
 * the hash of its `state`; the PKCE verifier and nonce it must end with), then the provider's answer
 * checked, the flow taken (once), and the person found, made or linked.
 */
import { isoNow, type ServiceContext } from "../../core/context";
import { sha256Hex } from "../../core/ids";
import { deleteExpiredSignInFlows, insertSignInFlow, takeSignInFlow } from "../../db/repositories/sign-in/flows";
import { readSchoolAccount } from "./claims";
import { authorizationStart, verifyAnswer } from "./openid";
import { completeSignIn, type SignInOutcome } from "./people";
import { SignInProblem } from "./problems";
import type { SignInProviderSettings } from "./providers";

/** Long enough to find a forgotten password at the provider; short enough that a stolen state is stale. */
export const SIGN_IN_FLOW_MINUTES = 10;

/** The address the provider sends the person back to; operators register exactly this one. */
export const redirectUriFor = (base: string, providerId: string) => `${base}/auth/oidc/${providerId}/callback`;

/** A path on this site, or `/`: never another site (`//evil.example`, `/\evil.example`) to send the person on to. */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) return "/";
  return value.slice(0, 1000);
}

export async function beginSignIn(
  ctx: ServiceContext,
  provider: SignInProviderSettings,
  request: { purpose: "sign-in" | "link"; userId: string | null; returnTo: string },
): Promise<URL> {
  const start = await authorizationStart(provider, redirectUriFor(ctx.links.base, provider.id));
  const now = ctx.now();
  deleteExpiredSignInFlows(ctx, now.toISOString());
  insertSignInFlow(ctx, {
    stateHash: sha256Hex(start.state),
    provider: provider.id,
    codeVerifier: start.codeVerifier,
    nonce: start.nonce,
    purpose: request.purpose,
    userId: request.purpose === "link" ? request.userId : null,
    returnTo: safeReturnTo(request.returnTo),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SIGN_IN_FLOW_MINUTES * 60_000).toISOString(),
  });
  return start.url;
}

export interface FinishedSignIn extends SignInOutcome {
  purpose: "sign-in" | "link";
  returnTo: string;
}

/**
 * Ends the flow the answer's `state` names. The flow is deleted before anything else, so an answer (or a
 * code) replayed later finds nothing, even when this one fails.
 */
export async function finishSignIn(ctx: ServiceContext, provider: SignInProviderSettings, answer: URL): Promise<FinishedSignIn> {
  const state = answer.searchParams.get("state");
  const flow = state ? takeSignInFlow(ctx, sha256Hex(state)) : undefined;
  if (!state || !flow || flow.provider !== provider.id || flow.expiresAt <= isoNow(ctx)) {
    // A provider's refusal (the person pressed cancel) also ends here when it carries no state we know.
    if (answer.searchParams.get("error") && !flow) throw new SignInProblem("provider_refused", answer.searchParams.get("error")!);
    throw new SignInProblem("flow_not_found");
  }
  const verified = await verifyAnswer(provider, answer, { state, nonce: flow.nonce, codeVerifier: flow.codeVerifier });
  const account = readSchoolAccount(provider.family, verified.claims);
  const outcome = completeSignIn(ctx, { provider, issuer: verified.issuer, account }, flow.purpose === "link" ? flow.userId : null);
  return { ...outcome, purpose: flow.purpose, returnTo: flow.returnTo };
}
