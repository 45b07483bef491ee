/**
 * Why a school-account sign-in did not go through. Each kind is one page for the person (nl/en) with its
 * own status; nothing is created and no session is opened when one is thrown.
 */
export const SIGN_IN_PROBLEMS = {
  /** No provider with this id is configured. */
  unknown_provider: 404,
  /** The provider's discovery or token endpoint did not answer. */
  provider_unavailable: 503,
  /** The provider answered with an error (the person cancelled, or the provider refused). */
  provider_refused: 400,
  /** No sign-in under way for this answer: expired, already used, or never started here. */
  flow_not_found: 400,
  /** The provider's answer failed a check (state, nonce, PKCE, issuer, audience, signature). */
  answer_rejected: 400,
  /** The claims hold no subject the person can be known by. */
  claims_incomplete: 400,
  /** Entree says this is a pupil: Knooppunt is for staff. */
  pupil: 403,
  /** The claims name no registered organisation and the provider is set to refuse such sign-ins. */
  unmatched: 403,
  /** The person's account is disabled by an administrator. */
  account_disabled: 403,
  /** Linking: this school account already belongs to another person. */
  identity_taken: 409,
  /** Linking needs a signed-in person. */
  not_signed_in: 401,
  /** Too many sign-ins started from one address in a short time: each start stores a flow until it expires. */
  too_many_starts: 429,
} as const;

export type SignInProblemKind = keyof typeof SIGN_IN_PROBLEMS;

export class SignInProblem extends Error {
  constructor(
    readonly kind: SignInProblemKind,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ?? kind, options);
    this.name = "SignInProblem";
  }
}
