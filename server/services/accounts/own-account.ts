/**
 * What a person sees of their own account on /me and in the API: where they are signed in (browser sessions,
 * devices, API tokens), which school accounts are linked, and whether they have a password; and ending one
 * of their sessions.
 */
import { deleteTokenOf, userById } from "../../db/repositories/accounts";
import { identitiesOf } from "../../db/repositories/sign-in/identities";
import type { ServiceContext } from "../../core/context";
import { notFound } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import { institutesOf, listTokens } from "./accounts";

/**
 * The person's sessions and tokens, the one this request used marked `current`. An expired browser session
 * opens nothing any more, so it is not listed as a place they are signed in.
 */
export function ownSessions(ctx: ServiceContext, viewer: SignedInViewer) {
  const now = ctx.now().getTime();
  return listTokens(ctx, viewer.user.id)
    .filter((t) => !t.expiresAt || Date.parse(t.expiresAt) > now)
    .map((t) => ({ id: t.id, kind: t.kind, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, expiresAt: t.expiresAt, current: t.id === viewer.tokenId }));
}

/** Ends one of the person's own sessions or tokens; another person's is not found, whatever its id. */
export function endOwnSession(ctx: ServiceContext, viewer: SignedInViewer, sessionId: string) {
  if (!deleteTokenOf(ctx, viewer.user.id, sessionId)) throw notFound("session");
}

/** The parts of /me that are not read on every request: programmes, linked school accounts, the password. */
export function ownAccount(ctx: ServiceContext, viewer: SignedInViewer) {
  const userId = viewer.user.id;
  return {
    institutes: institutesOf(ctx, userId),
    identities: identitiesOf(ctx, userId),
    hasPassword: Boolean(userById(ctx, userId)?.passwordHash),
  };
}
