/**
 * Password reset by an administrator, until Knooppunt sends mail: the administrator makes a one-time link
 * (`POST /api/v1/admin/users/:id/password-reset`) and hands it over; the person opens `/reset/<code>` and
 * chooses a new password.
 */
import { isCrossSite } from "../../http/session";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { Id, PasswordResetLinkResponse } from "../../../shared/schemas";
import { accountText, type AccountTextKey } from "../../../shared/i18n/pages/account";
import type { Language } from "../../../shared/vocabulary";
import { audited } from "../../http/audit";
import { clientAddress, requireAdmin } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { valid } from "../../http/validate";
import { renderMessagePage } from "../../pages/login-page";
import { renderResetPage } from "../../pages/reset-page";
import { createResetLink, resetLinkState, resetPassword } from "../../services/accounts/passwords";
import { accountPageHeaders, limitFormBody, pageLanguageOf, readForm, refuse, refuseWithMessage } from "./web-auth";

export const passwordResetAdminRoutes = new Hono<AppEnv>().post(
  "/admin/users/:id/password-reset",
  doc({
    tag: "administration",
    summary: "A one-time link (`/reset/<code>`, 72 hours) with which the person chooses a new password; a new link voids the older ones. Shown once, to hand over until mail exists",
    responses: { 201: { description: "Created", schema: PasswordResetLinkResponse }, 404: { description: "No such person" }, 409: { description: "`no_email`: the person has no e-mail address to sign in with" } },
  }),
  requireAdmin,
  audited("user.password-reset", "user"),
  valid("param", z.object({ id: Id })),
  (c) => c.json(createResetLink(c.var.ctx, c.var.viewer.kind === "user" ? c.var.viewer.user.id : "", c.req.valid("param").id), 201),
);

const CodeParam = z.object({ code: z.string().max(300).catch("") });

function goneOrUnknown(c: Parameters<typeof refuse>[0], lang: Language, state: "expired" | "unknown") {
  const t = (key: AccountTextKey) => accountText(lang, key);
  const [status, code, title, message, english]: [ContentfulStatusCode, string, AccountTextKey, AccountTextKey, string] =
    state === "expired"
      ? [410, "reset_link_expired", "reset.expired.title", "reset.expired", "This password reset link has expired."]
      : [404, "not_found", "reset.unknown.title", "reset.unknown", "No such password reset link."];
  return refuse(c, status, code, () => renderMessagePage({ lang, title: t(title), message: t(message), link: { href: `/login?lang=${lang}`, text: t("reset.toLogin") } }).toString(), english);
}

const ResetForm = z.object({ newPassword: z.string().max(200), repeatPassword: z.string().max(200) });

export const passwordResetPageRoutes = new Hono<AppEnv>()
  .use("/reset/*", limitFormBody)
  .get(
    "/reset/:code",
    doc({ tag: "pages", summary: "The page of a password reset link: the new password twice (nl/en); 404 unknown or used, 410 expired", auth: "none", responses: { 200: { description: "HTML page" }, 404: { description: "Unknown or used" }, 410: { description: "Expired" } } }),
    valid("param", CodeParam),
    (c) => {
      const lang = pageLanguageOf(c);
      const found = resetLinkState(c.var.ctx, c.req.valid("param").code);
      if (found.state !== "valid") return goneOrUnknown(c, lang, found.state);
      accountPageHeaders(c);
      return c.html(renderResetPage({ lang, email: found.user.email ?? found.user.name }));
    },
  )
  .post(
    "/reset/:code",
    doc({
      tag: "pages",
      summary: "Set the new password (form: newPassword, repeatPassword); uses the link up, ends every session and token of the person, 303 to /login. Rate-limited per address",
      auth: "none",
      responses: { 303: { description: "Set" }, 403: { description: "Sent from another site" }, 404: { description: "Unknown or used" }, 410: { description: "Expired" }, 429: { description: "Too many attempts" } },
    }),
    valid("param", CodeParam),
    async (c) => {
      const lang = pageLanguageOf(c);
      if (isCrossSite(c)) return refuseWithMessage(c, lang, 403, "cross_site_form", "login.crossSite", "This form was sent from another site.");
      const wait = c.var.deps.limits.loginPerAddress.hit(`reset:${clientAddress(c)}`);
      if (wait > 0) {
        c.header("Retry-After", String(wait));
        return refuseWithMessage(c, lang, 429, "rate_limited", "reset.tooMany", "Too many attempts; try again later.", { minutes: Math.max(1, Math.ceil(wait / 60)) });
      }
      const code = c.req.valid("param").code;
      const found = resetLinkState(c.var.ctx, code);
      if (found.state !== "valid") return goneOrUnknown(c, lang, found.state);
      const form = await readForm(c);
      const again = (key: AccountTextKey, message: string) =>
        refuse(c, 400, "invalid_request", () => renderResetPage({ lang, email: found.user.email ?? found.user.name, error: accountText(lang, key) }).toString(), message);
      const parsed = ResetForm.safeParse(form);
      if (!parsed.success) return again("form.tooShort", "Send the new password twice.");
      if (parsed.data.newPassword !== parsed.data.repeatPassword) return again("form.mismatch", "The two new passwords are not the same.");
      if (parsed.data.newPassword.length < 10) return again("form.tooShort", "Choose a password of at least 10 characters.");
      const result = await resetPassword(c.var.ctx, code, parsed.data.newPassword);
      if (result !== "valid") return goneOrUnknown(c, lang, result);
      return c.redirect(`/login?notice=password-reset&lang=${lang}`, 303);
    },
  );
