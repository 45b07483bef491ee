import { Hono, type Context } from "hono";
import { z } from "zod";
import { ChangePasswordRequest, SessionsResponse } from "../../../shared/schemas";
import { rateLimited } from "../../core/errors";
import { clientAddress, requireUser } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { valid } from "../../http/validate";
import { changeOwnPassword } from "../../services/accounts/passwords";
import { endOwnSession, ownSessions } from "../../services/accounts/own-account";
import { passwordChangeWait } from "./web-auth";

const tag = "auth";

/** A person's own sessions (browsers), devices and API tokens, and their password. */
export const sessionRoutes = new Hono<AppEnv>()
  .get(
    "/me/sessions",
    doc({
      tag,
      summary: "Everywhere the caller is signed in: browser sessions (`web`), devices such as the extension (`login`) and named API tokens (`api`); `current` marks the one this request used",
      responses: { 200: { description: "Sessions", schema: SessionsResponse } },
    }),
    requireUser,
    (c) => c.json({ sessions: ownSessions(c.var.ctx, c.var.viewer) }),
  )
  .delete(
    "/me/sessions/:id",
    doc({ tag, summary: "End one of the caller's sessions, devices or API tokens (404 when it is not theirs)", responses: { 204: { description: "Ended" }, 404: { description: "No such session of the caller" } } }),
    requireUser,
    valid("param", z.object({ id: z.string().min(1).max(200) })),
    (c) => {
      endOwnSession(c.var.ctx, c.var.viewer, c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .put(
    "/me/password",
    doc({
      tag,
      summary: "Change the caller's password; every other session, device and token of theirs ends (the calling one stays). Rate-limited like sign-in",
      responses: {
        204: { description: "Changed" },
        400: { description: "`no_password`: the account signs in with a school account only; or invalid input" },
        403: { description: "`wrong_password`: the current password is not right" },
        429: { description: "Too many attempts" },
      },
    }),
    requireUser,
    valid("json", ChangePasswordRequest),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid("json");
      const wait = passwordChangeWait(c.var.deps.limits, clientAddress(c as unknown as Context<AppEnv>), c.var.viewer);
      if (wait > 0) throw rateLimited(wait);
      await changeOwnPassword(c.var.ctx, c.var.viewer.user.id, c.var.viewer.tokenId, currentPassword, newPassword);
      return c.body(null, 204);
    },
  );
