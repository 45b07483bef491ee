/**
 * The school-account providers an operator configures (SIGN_IN_PROVIDERS or SIGN_IN_PROVIDERS_FILE), checked
 * with zod at start. The family says how a provider's claims are read (claims.ts): Entree, SURFconext,
 * Microsoft Entra ID or Google.
 */
import { z } from "zod";

export const PROVIDER_FAMILIES = ["entree", "surfconext", "entra", "google"] as const;
export const ProviderFamily = z.enum(PROVIDER_FAMILIES);
export type ProviderFamily = z.infer<typeof ProviderFamily>;

export const SignInProviderSettings = z.object({
  /** In URLs (/auth/oidc/:id/…) and stored with each identity: lower-case letters, digits and dashes. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "use lower-case letters, digits and dashes (at most 40)"),
  family: ProviderFamily,
  /** The button's text on /login, Dutch and English ("Inloggen met Entree" is made from the family if absent). */
  label: z.object({ nl: z.string().min(1).max(80), en: z.string().min(1).max(80) }).optional(),
  /** The issuer whose /.well-known/openid-configuration is read (discovery). */
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Extra scopes beside `openid` (the family's defaults when absent). */
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/)).optional(),
  /** A sign-in whose claims name no registered organisation: create a person in no school (`network`) or refuse it. */
  unmatched: z.enum(["network", "refuse"]).default("network"),
});
export type SignInProviderSettings = z.infer<typeof SignInProviderSettings>;

export const SignInProvidersSettings = z.array(SignInProviderSettings).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `the id "${p.id}" is used twice` });
    seen.add(p.id);
    // A sign-in over plain http could be read and changed on the way; only a provider on this machine (tests, a trial) may use it.
    if (!issuerIsHttps(p.issuer) && !issuerIsLoopback(p.issuer)) {
      ctx.addIssue({ code: "custom", path: [i, "issuer"], message: "must be an https URL (http only for a provider on this machine)" });
    }
  });
});

const FAMILY_NAMES: Record<ProviderFamily, string> = { entree: "Entree", surfconext: "SURFconext", entra: "Microsoft", google: "Google" };

/** The provider as a sentence names it ("SURFconext antwoordt nu niet"): the family's name. */
export const providerName = (p: Pick<SignInProviderSettings, "family">) => FAMILY_NAMES[p.family];

export const providerLabel = (p: Pick<SignInProviderSettings, "family" | "label">, lang: "nl" | "en") =>
  p.label?.[lang] ?? (lang === "nl" ? `Inloggen met ${FAMILY_NAMES[p.family]}` : `Sign in with ${FAMILY_NAMES[p.family]}`);

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
export const issuerIsHttps = (issuer: string) => new URL(issuer).protocol === "https:";
export const issuerIsLoopback = (issuer: string) => {
  const host = new URL(issuer).hostname;
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
};

/** Scopes asked for beside `openid` when the operator names none: what each family needs to find the person and their school. */
export const DEFAULT_SCOPES: Record<ProviderFamily, string[]> = {
  // Entree releases its attributes per service in its own registration; `profile` is what its OIDC interface names them by.
  entree: ["profile"],
  surfconext: ["profile", "email"],
  entra: ["profile", "email"],
  google: ["profile", "email"],
};

export const scopesOf = (p: SignInProviderSettings) => ["openid", ...(p.scopes ?? DEFAULT_SCOPES[p.family]).filter((s) => s !== "openid")].join(" ");
