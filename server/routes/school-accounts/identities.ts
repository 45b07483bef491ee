import { Hono } from "hono";
import { IdentityIdParam } from "../../../shared/schemas/accounts";
import { requireUser } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { valid } from "../../http/validate";
import { removeIdentity } from "../../services/sign-in/people";

/** The person's school accounts: /me lists them; here one is removed. */
export const identityRoutes = new Hono<AppEnv>().delete(
  "/me/identities/:id",
  doc({
    tag: "auth",
    summary: "Remove one of the caller's school accounts (it no longer signs them in)",
    responses: {
      204: { description: "Removed" },
      404: { description: "The caller holds no such school account" },
      409: { description: "`last_sign_in_method`: it is the caller's only way to sign in (no password, no other school account)" },
    },
  }),
  requireUser,
  valid("param", IdentityIdParam),
  (c) => {
    removeIdentity(c.var.ctx, c.var.viewer.user.id, c.req.valid("param").id);
    return c.body(null, 204);
  },
);
