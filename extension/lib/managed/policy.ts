/**
 * What a school's or network's IT department sets for the extension on managed devices (Google Admin,
 * Intune, Firefox's policies.json): `browser.storage.managed`, read-only to the extension. The keys here
 * are exactly those in extension/public/managed-schema.json; the README shows the policy JSON per console.
 *
 * A policy is written by hand in an admin console, so every key is checked on its own: a bad value is
 * ignored with a console warning and the rest still applies. No policy at all is the common case and
 * never an error: Firefox without policies rejects the read, Chrome without one answers `{}`.
 */
import { browser } from "#imports";

/** How people may sign in: with schoolAccountOnly the e-mail and password form is not offered. */
export const SIGN_IN_POLICIES = ["schoolAccountOnly", "any"] as const;
export type SignInPolicy = (typeof SIGN_IN_POLICIES)[number];

/**
 * The circles a school may make the default. Not `public`: sharing with the smallest circle is the default
 * and widening is the person's deliberate act, and a quick clip (context menu, shortcut) applies the
 * default without showing it; a public default would put a teacher's notes in public feeds unasked.
 */
export const MANAGED_CIRCLES = ["private", "community", "school", "network"] as const;
export type ManagedCircle = (typeof MANAGED_CIRCLES)[number];

/** The policy as the extension applies it: only the keys that were set and valid. */
export interface ManagedPolicy {
  /** The school's or network's Knooppunt (its origin); the person cannot change it. */
  serverUrl?: string;
  signIn?: SignInPolicy;
  /** The sign-in provider to go to straight away when the server offers several (its id in SIGN_IN_PROVIDERS). */
  schoolAccountProvider?: string;
  /** The circle a new clip goes to unless the person picks another for that clip. */
  defaultCircle?: ManagedCircle;
}

/** A key's check: the value as the extension applies it, or `undefined` when it cannot be used. */
type Check<T> = (value: unknown) => T | undefined;

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (value) =>
    values.find((v) => v === value);

// Checked by hand rather than with a schema library: this module is part of every screen's first load
// (the popup reads the policy before it shows), and the library was a third of that load.
const POLICY_KEYS = {
  serverUrl: (value) => {
    if (typeof value !== "string") return undefined;
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) ? url.origin : undefined;
    } catch {
      return undefined;
    }
  },
  signIn: oneOf(SIGN_IN_POLICIES),
  // The provider id's own rule on the server: lower-case letters, digits and dashes (it is part of a URL path).
  schoolAccountProvider: (value) => (typeof value === "string" && value.length <= 64 && /^[a-z0-9][a-z0-9-]*$/.test(value) ? value : undefined),
  defaultCircle: oneOf(MANAGED_CIRCLES),
} satisfies { [K in keyof ManagedPolicy]-?: Check<NonNullable<ManagedPolicy[K]>> };

export const MANAGED_POLICY_KEYS = Object.keys(POLICY_KEYS) as (keyof ManagedPolicy)[];

const isKey = (key: string): key is keyof ManagedPolicy => Object.hasOwn(POLICY_KEYS, key);

const warn = (message: string) => console.warn(`[knooppunt] managed policy: ${message}`);

/** The valid part of what storage.managed holds; everything else is named in a warning and left out. */
export function parseManagedPolicy(raw: unknown): ManagedPolicy {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    warn("not an object; ignored");
    return {};
  }
  const policy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isKey(key)) {
      warn(`unknown setting "${key}" ignored`);
      continue;
    }
    const checked = POLICY_KEYS[key](value);
    if (checked !== undefined) policy[key] = checked;
    else warn(`"${key}" has a value the extension cannot use (${JSON.stringify(value)}); ignored`);
  }
  return policy as ManagedPolicy;
}

/** The policy now. Any failure to read it (no policy, no managed storage in this browser) is no policy. */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  let raw: unknown;
  try {
    if (!browser.storage?.managed) return {};
    raw = await browser.storage.managed.get(null);
  } catch {
    return {};
  }
  return parseManagedPolicy(raw);
}

/**
 * Calls back with the whole policy whenever the administrator changes it (Chrome and Firefox report it as
 * the "managed" storage area), so a policy pushed after install applies without a restart.
 */
export function watchManagedPolicy(onPolicy: (policy: ManagedPolicy) => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === "managed") void readManagedPolicy().then(onPolicy);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Whether the person may still use the e-mail and password form under this policy. */
export const passwordSignInAllowed = (policy: ManagedPolicy) => policy.signIn !== "schoolAccountOnly";
