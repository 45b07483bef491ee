import { Hono } from "hono";
import { z } from "zod";
import {
  CreatedTokenResponse,
  CreateTokenRequest,
  Id,
  LoginRequest,
  LoginResponse,
  MeResponse,
  TokensResponse,
} from "../../shared/schemas";
import { rateLimited } from "../core/errors";
import { clientAddress, requireUser } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { hitInTurn } from "../http/rate-limiter";
import { idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { issueToken, meView, listTokens, login, publicUser, revokeToken, tokenView } from "../services/accounts/accounts";

export const authRoutes = new Hono<AppEnv>().post(
  "/auth/login",
  doc({ tag: "auth", summary: "Exchange e-mail and password for a bearer token", auth: "none", responses: { 200: { description: "Signed in", schema: LoginResponse }, 429: { description: "Too many attempts" } } }),
  valid("json", LoginRequest),
  async (c) => {
    const { email, password, deviceName } = c.req.valid("json");
    const { loginPerEmail, loginPerAddress } = c.var.deps.limits;
    const wait = hitInTurn([loginPerAddress, clientAddress(c)], [loginPerEmail, email]);
    if (wait > 0) throw rateLimited(wait);
    const result = await login(c.var.ctx, email, password, deviceName);
    loginPerEmail.reset(email);
    return c.json({ token: result.token, user: publicUser(result.user) });
  },
);

export const accountRoutes = new Hono<AppEnv>()
  .post("/auth/logout", doc({ tag: "auth", summary: "Revoke the calling token", responses: { 204: { description: "Signed out" } } }), requireUser, (c) => {
    revokeToken(c.var.ctx, c.var.viewer.user.id, c.var.viewer.tokenId);
    return c.body(null, 204);
  })
  .get("/me", doc({ tag: "auth", summary: "The caller with their schools and communities", responses: { 200: { description: "Me", schema: MeResponse } } }), requireUser, (c) => {
    return c.json(meView(c.var.ctx, c.var.viewer, c.var.deps.signInProviders));
  })
  .get("/tokens", doc({ tag: "auth", summary: "The caller's tokens", responses: { 200: { description: "Tokens", schema: TokensResponse } } }), requireUser, (c) => {
    const viewer = c.var.viewer;
    return c.json({ tokens: listTokens(c.var.ctx, viewer.user.id).map((t) => tokenView(t, viewer.tokenId)) });
  })
  .post(
    "/tokens",
    doc({ tag: "auth", summary: "Create a named API token; the secret is shown once", responses: { 201: { description: "Created", schema: CreatedTokenResponse } } }),
    requireUser,
    idempotent,
    valid("json", CreateTokenRequest),
    (c) => {
      const { secret, row } = issueToken(c.var.ctx, c.var.viewer.user.id, c.req.valid("json").name, "api");
      return c.json({ token: tokenView(row, c.var.viewer.tokenId), secret }, 201);
    },
  )
  .delete(
    "/tokens/:id",
    doc({ tag: "auth", summary: "Revoke one of the caller's tokens", responses: { 204: { description: "Revoked" } } }),
    requireUser,
    valid("param", z.object({ id: Id })),
    (c) => {
      revokeToken(c.var.ctx, c.var.viewer.user.id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
