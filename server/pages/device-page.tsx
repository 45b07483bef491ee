/** @jsxImportSource hono/jsx */
import { deviceText, type DeviceTextKey } from "../../shared/i18n/pages/device";
import type { Language } from "../../shared/vocabulary";
import { Layout } from "./layout";

const FORM_STYLE = `
form.confirm { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin-top: 1.5rem; }
form.confirm button { font: inherit; font-weight: 600; padding: 0.55rem 1.1rem; border-radius: 6px; border: 1px solid #155c39; background: #1f7a4d; color: #fff; cursor: pointer; }
`;

function Header({ lang, switchTo }: { lang: Language; switchTo: string | null }) {
  const other: Language = lang === "nl" ? "en" : "nl";
  return (
    <nav aria-label={lang === "nl" ? "Taal" : "Language"}>
      <a class="brand" href={`/?lang=${lang}`}>
        Knooppunt
      </a>
      {switchTo ? (
        <>
          {" · "}
          <a href={switchTo} hreflang={other} lang={other}>
            {deviceText(lang, "device.switchLanguage")}
          </a>
        </>
      ) : null}
    </nav>
  );
}

export interface DeviceConfirmation {
  lang: Language;
  name: string;
  browser: "chromium" | "firefox";
  redirectUri: string;
  state: string;
  csrfToken: string;
  /** Where "Cancel" goes: back to the extension, which then knows the person said no. */
  cancelUrl: string;
  /** This page in the other language. */
  switchTo: string;
}

/** "Sign the extension in as …?": one button that posts, one link that goes back. */
export function renderDeviceConfirmPage(p: DeviceConfirmation) {
  const t = (key: DeviceTextKey, params?: Record<string, string>) => deviceText(p.lang, key, params);
  const browser = t(p.browser === "chromium" ? "device.browser.chromium" : "device.browser.firefox");
  return (
    <Layout meta={{ lang: p.lang, title: t("device.title") }} header={<Header lang={p.lang} switchTo={p.switchTo} />}>
      <style>{FORM_STYLE}</style>
      <h1>{t("device.confirm", { name: p.name })}</h1>
      <p>{t("device.explain", { browser, name: p.name })}</p>
      <p class="note">{t("device.onlyIfYou")}</p>
      <form class="confirm" method="post" action="/auth/device">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <input type="hidden" name="redirect_uri" value={p.redirectUri} />
        <input type="hidden" name="state" value={p.state} />
        <input type="hidden" name="lang" value={p.lang} />
        <button type="submit">{t("device.allow")}</button>
        <a href={p.cancelUrl}>{t("device.cancel")}</a>
      </form>
    </Layout>
  );
}

/** A clear page instead of a redirect when the link is not one the extension made, or the form is stale. */
export function renderDeviceProblemPage(lang: Language, problem: "invalid" | "expired") {
  const t = (key: DeviceTextKey) => deviceText(lang, key);
  return (
    <Layout meta={{ lang, title: t(`device.${problem}.title`) }} header={<Header lang={lang} switchTo={null} />}>
      <h1>{t(`device.${problem}.title`)}</h1>
      <p>{t(`device.${problem}.body`)}</p>
      <p>
        <a href={`/?lang=${lang}`}>{t("device.home")}</a>
      </p>
    </Layout>
  );
}
