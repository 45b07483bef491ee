/** @jsxImportSource hono/jsx */
import { html } from "hono/html";
import type { Language } from "../../shared/vocabulary";
import { Layout } from "./layout";
import { AccountHeader, Message, SignOutForm, textsFor, type AccountT } from "./login-page";

interface Place {
  id: string;
  name: string;
  role: "member" | "coordinator" | "owner";
}

export interface AccountPageData {
  lang: Language;
  csrf: string;
  user: { name: string; email: string | null; roles: ("admin" | "broker")[] };
  schools: Place[];
  institutes: Place[];
  communities: Place[];
  identities: { id: string; provider: string; email: string | null; organisation: string | null; createdAt: string; lastUsedAt: string | null }[];
  /** Configured providers a further school account can be linked with. */
  providers: { id: string; label: string }[];
  sessions: { id: string; kind: "web" | "login" | "api"; name: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; current: boolean }[];
  hasPassword: boolean;
  notice?: string;
  error?: string;
}

const when = (lang: Language, iso: string) =>
  new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(new Date(iso));

function Places({ id, title, places, t }: { id: string; title: string; places: Place[]; t: AccountT }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      {places.length ? (
        <ul aria-labelledby={id}>
          {places.map((p) => (
            <li>
              {p.name} <span class="muted">({t(`me.role.${p.role}`)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("me.none")}</p>
      )}
    </>
  );
}

const Csrf = ({ value }: { value: string }) => <input type="hidden" name="_csrf" value={value} />;

export function AccountPage({ data }: { data: AccountPageData }) {
  const { lang, csrf, user } = data;
  const t = textsFor(lang);
  return (
    <Layout meta={{ lang, title: t("me.title") }} header={<AccountHeader lang={lang} switchQuery="" />}>
      <h1>{t("me.title")}</h1>
      <p>
        <a href="/app">{t("login.webApp")}</a>
      </p>
      {data.notice ? <Message kind="status">{data.notice}</Message> : null}
      {data.error ? <Message kind="alert">{data.error}</Message> : null}
      <p>
        <strong>{user.name}</strong>
        <br />
        {t("me.email")}: {user.email ?? t("me.noEmail")}
        {user.roles.length ? (
          <>
            <br />
            {t("me.roles")}: {user.roles.map((r) => t(`me.role.${r}`)).join(", ")}
          </>
        ) : null}
      </p>

      <h2>{t("me.places")}</h2>
      <p>{t("me.placesIntro")}</p>
      <Places id="schools" title={t("me.schools")} places={data.schools} t={t} />
      <Places id="institutes" title={t("me.institutes")} places={data.institutes} t={t} />
      <Places id="communities" title={t("me.communities")} places={data.communities} t={t} />

      <h2 id="identities">{t("me.identities")}</h2>
      {data.identities.length ? (
        <ul aria-labelledby="identities">
          {data.identities.map((i) => (
            <li>
              {i.provider}
              {i.organisation ? ` · ${i.organisation}` : ""}
              {i.email ? ` · ${i.email}` : ""}{" "}
              <span class="muted">
                ({i.lastUsedAt ? t("me.identity.lastUsed", { date: when(lang, i.lastUsedAt) }) : t("me.identity.since", { date: when(lang, i.createdAt) })})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("me.noIdentities")}</p>
      )}
      {data.providers.map((p) => (
        <form method="post" action={`/auth/oidc/${encodeURIComponent(p.id)}/link`}>
          <Csrf value={csrf} />
          <button type="submit">{t("me.link", { provider: p.label })}</button>
        </form>
      ))}

      <h2 id="sessions">{t("me.sessions")}</h2>
      <p>{t("me.sessionsIntro")}</p>
      <ul class="tree" aria-labelledby="sessions">
        {data.sessions.map((s) => (
          <li>
            <strong>{s.name}</strong> <span class="muted">({t(`me.session.kind.${s.kind}`)})</span>
            {s.current ? <strong> · {t("me.session.current")}</strong> : null}
            <br />
            <span class="muted">
              {t("me.session.created", { date: when(lang, s.createdAt) })}
              {s.lastUsedAt ? ` · ${t("me.session.lastUsed", { date: when(lang, s.lastUsedAt) })}` : ""}
              {s.expiresAt ? ` · ${t("me.session.expires", { date: when(lang, s.expiresAt) })}` : ""}
            </span>
            <form method="post" action={`/me/sessions/${encodeURIComponent(s.id)}/end?lang=${lang}`}>
              <Csrf value={csrf} />
              <button type="submit">
                {t("me.session.end")}
                <span class="visually-hidden"> {s.name}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>

      {data.hasPassword ? (
        <section aria-labelledby="password">
          <h2 id="password">{t("me.password")}</h2>
          <form method="post" action={`/me/password?lang=${lang}`}>
            <Csrf value={csrf} />
            <input type="text" name="username" autocomplete="username" value={user.email ?? ""} hidden />
            <p>
              <label for="current-password">{t("me.password.current")}</label>
              <br />
              <input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required />
            </p>
            <p>
              <label for="new-password">{t("me.password.new")}</label>
              <br />
              <input id="new-password" name="newPassword" type="password" autocomplete="new-password" minlength={10} required />
            </p>
            <p>
              <label for="repeat-password">{t("me.password.repeat")}</label>
              <br />
              <input id="repeat-password" name="repeatPassword" type="password" autocomplete="new-password" minlength={10} required />
            </p>
            <button type="submit">{t("me.password.submit")}</button>
          </form>
        </section>
      ) : null}

      <h2 id="export">{t("me.export")}</h2>
      <p>{t("me.exportIntro")}</p>
      <ul aria-labelledby="export">
        <li>
          <a href="/api/v1/me/export?format=json">{t("me.export.json")}</a>
        </li>
        <li>
          <a href="/api/v1/me/export?format=csv">{t("me.export.csv")}</a>
        </li>
        <li>
          <a href="/api/v1/me/export?format=html">{t("me.export.html")}</a>
        </li>
      </ul>

      <h2>{t("me.signOut")}</h2>
      <SignOutForm csrf={csrf} t={t} lang={lang} />
    </Layout>
  );
}

export const renderAccountPage = (data: AccountPageData) => html`<!doctype html>${<AccountPage data={data} />}`;
