/**
 * The school's managed policy, as the background applies it: a sign-in on another server than the one the
 * policy names ends, so every clip goes where the school says, also when the policy arrives after install.
 */
import { ApiError } from "../../lib/api-error";
import { passwordSignInAllowed, readManagedPolicy, watchManagedPolicy, type ManagedPolicy } from "../../lib/managed/policy";
import { sessionItem } from "../../lib/storage";

/** Why a sign-in the policy does not allow is refused; the settings page never offers one, so this guards only. */
export const refusedByPolicy = () => new ApiError("http", 403, "managed_policy", "This is set by your school's policy.");

/** A sign-in the policy allows: on its server only, and only with the school account when it says so. */
export function signInAllowed(policy: ManagedPolicy, serverUrl: string, way: "password" | "schoolAccount"): boolean {
  if (policy.serverUrl && policy.serverUrl !== serverUrl) return false;
  return way === "schoolAccount" || passwordSignInAllowed(policy);
}

export async function applyManagedPolicy(policy: ManagedPolicy, signOut: () => Promise<void>) {
  const session = await sessionItem.getValue();
  // The person's clips for the other server stay queued under that sign-in and go out if the policy changes back.
  if (session && policy.serverUrl && session.serverUrl !== policy.serverUrl) await signOut();
}

/** Applies the policy as it is at start, and again whenever the administrator changes it. */
export function followManagedPolicy(signOut: () => Promise<void>) {
  void readManagedPolicy().then((policy) => applyManagedPolicy(policy, signOut));
  return watchManagedPolicy((policy) => void applyManagedPolicy(policy, signOut));
}
