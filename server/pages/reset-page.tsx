/** @jsxImportSource hono/jsx */
import { html } from "hono/html";
import type { Language } from "../../shared/vocabulary";
import { Layout } from "./layout";
import { AccountHeader, Message, textsFor } from "./login-page";

/** /reset/<code>: the new password twice. The code in the address is the only thing that opens it. */
export function ResetPage({ lang, email, error }: { lang: Language; email: string; error?: string }) {
  const t = textsFor(lang);
  return (
    <Layout meta={{ lang, title: t("reset.title") }} header={<AccountHeader lang={lang} switchQuery="" />}>
      <h1>{t("reset.title")}</h1>
      {error ? <Message kind="alert">{error}</Message> : null}
      <p>{t("reset.intro", { email })}</p>
      <form method="post">
        <input type="text" name="username" autocomplete="username" value={email} hidden />
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
        <button type="submit">{t("reset.submit")}</button>
      </form>
    </Layout>
  );
}

export const renderResetPage = (props: Parameters<typeof ResetPage>[0]) => html`<!doctype html>${<ResetPage {...props} />}`;
