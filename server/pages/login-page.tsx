/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { html } from "hono/html";
import { accountText, type AccountTextKey } from "../../shared/i18n/pages/account";
import type { Language } from "../../shared/vocabulary";
import { Layout } from "./layout";

export type AccountT = (key: AccountTextKey, params?: Record<string, string | number>) => string;

export const textsFor = (lang: Language): AccountT => (key, params) => accountText(lang, key, params);

/** The banner of the account pages: the brand, and the same page in the other language. */
export function AccountHeader({ lang, switchQuery }: { lang: Language; switchQuery: string }) {
  const t = textsFor(lang);
  const other: Language = lang === "nl" ? "en" : "nl";
  return (
    <nav aria-label={t("account.nav")}>
      <a class="brand" href={`/?lang=${lang}`}>
        Knooppunt
      </a>
      {" · "}
      <a href={`?${switchQuery}${switchQuery ? "&" : ""}lang=${other}`} hreflang={other} lang={other}>
        {t("account.switchLanguage")}
      </a>
    </nav>
  );
}

/** A message the page opens with: `alert` for what went wrong, `status` for what went right. */
export function Message({ kind, children }: { kind: "alert" | "status"; children: Child }) {
  return (
    <p role={kind} class="note" id={kind === "alert" ? "form-error" : undefined}>
      {children}
    </p>
  );
}

export function SignOutForm({ csrf, t, lang }: { csrf: string; t: AccountT; lang: Language }) {
  return (
    <form method="post" action={`/logout?lang=${lang}`}>
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit">{t("logout.submit")}</button>
    </form>
  );
}

export interface LoginPageData {
  lang: Language;
  next: string;
  providers: { id: string; label: string }[];
  email?: string;
  error?: string;
  notice?: string;
  signedIn?: { name: string; csrf: string } | null;
}

const startUrl = (id: string, next: string) => `/auth/oidc/${encodeURIComponent(id)}/start?returnTo=${encodeURIComponent(next)}`;

export function LoginPage({ data }: { data: LoginPageData }) {
  const t = textsFor(data.lang);
  const switchQuery = data.next === "/me" ? "" : `next=${encodeURIComponent(data.next)}`;
  return (
    <Layout meta={{ lang: data.lang, title: t("login.title") }} header={<AccountHeader lang={data.lang} switchQuery={switchQuery} />}>
      <h1>{t("login.title")}</h1>
      {data.notice ? <Message kind="status">{data.notice}</Message> : null}
      {data.error ? <Message kind="alert">{data.error}</Message> : null}
      {data.signedIn ? (
        <>
          <p>{t("login.signedInAs", { name: data.signedIn.name })}</p>
          <p>
            <a href={data.next}>{t("login.continue")}</a>
            {" · "}
            <a href="/app">{t("login.webApp")}</a>
            {" · "}
            <a href="/me">{t("login.myAccount")}</a>
          </p>
          <SignOutForm csrf={data.signedIn.csrf} t={t} lang={data.lang} />
        </>
      ) : (
        <>
          <p>{t("login.intro")}</p>
          {data.next.startsWith("/app") ? null : (
            <p>
              {t("login.webAppHint")} <a href={`/login?lang=${data.lang}&next=%2Fapp`}>{t("login.webApp")}</a>
            </p>
          )}
          {data.providers.length ? (
            <section aria-labelledby="school-account">
              <h2 id="school-account">{t("login.schoolAccount")}</h2>
              <ul class="tree">
                {data.providers.map((p) => (
                  <li>
                    <a href={startUrl(p.id, data.next)}>{p.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="password-sign-in">
            <h2 id="password-sign-in">{t("login.password")}</h2>
            <form method="post" action={`/login?lang=${data.lang}`}>
              <input type="hidden" name="next" value={data.next} />
              <p>
                <label for="email">{t("login.email")}</label>
                <br />
                <input id="email" name="email" type="email" autocomplete="username" required value={data.email ?? ""} aria-describedby={data.error ? "form-error" : undefined} />
              </p>
              <p>
                <label for="password">{t("login.passwordField")}</label>
                <br />
                <input id="password" name="password" type="password" autocomplete="current-password" required />
              </p>
              <button type="submit">{t("login.submit")}</button>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}

export const renderLoginPage = (data: LoginPageData) => html`<!doctype html>${<LoginPage data={data} />}`;

/** A page that only says what happened (a refused form): a heading, the message, a way on. */
export function MessagePage({ lang, title, message, link }: { lang: Language; title: string; message: string; link: { href: string; text: string } }) {
  return (
    <Layout meta={{ lang, title }} header={<AccountHeader lang={lang} switchQuery="" />}>
      <h1>{title}</h1>
      <Message kind="alert">{message}</Message>
      <p>
        <a href={link.href}>{link.text}</a>
      </p>
    </Layout>
  );
}

export const renderMessagePage = (props: Parameters<typeof MessagePage>[0]) => html`<!doctype html>${<MessagePage {...props} />}`;
