import { Hono, type Context } from "hono";
import { z } from "zod";
import { ChangePasswordRequest, SessionsResponse, WebSessionResponse } from "../../../shared/schemas";
import { invalid, rateLimited } from "../../core/errors";
import { clientAddress, requireUser } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { csrfToken } from "../../http/session";
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
  .get(
    "/me/web-session",
    doc({
      tag,
      summary: "For the web app, signed in with the browser session cookie: the CSRF token every write it makes with that cookie sends in `X-CSRF-Token`",
      responses: { 200: { description: "The session's CSRF token", schema: WebSessionResponse }, 400: { description: "`not_web_session`: the request was made with a bearer token" } },
    }),
    requireUser,
    (c) => {
      const token = c.req.header("Authorization") ? null : csrfToken(c as unknown as Context<AppEnv>);
      if (!token) throw invalid("not_web_session", "Only a browser signed in with the session cookie has a CSRF token.");
      return c.json({ csrfToken: token } satisfies WebSessionResponse);
    },
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
