import { translate, type UiLanguage } from "../../shared/i18n";
import { forgetSession } from "./session";

/**
 * The web app's own header actions: where the side panel has its settings button, the web app links to
 * saving a link, help and the account page, switches language and signs out (a form post to /logout with
 * the session's CSRF token, as the account page does).
 */
export function WebHeader({ language, csrfToken, onLanguage, current }: { language: UiLanguage; csrfToken: string; onLanguage(next: UiLanguage): void; current: "library" | "clip" | "help" | "import" }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const other: UiLanguage = language === "nl" ? "en" : "nl";
  const link = (href: string, key: Parameters<typeof translate>[1], here: boolean) => (
    <a href={href} class="nav-link" aria-current={here ? "page" : undefined}>
      {t(key)}
    </a>
  );
  return (
    <nav class="web-nav" aria-label={t("web.nav.label")}>
      {current !== "library" && link("/app", "web.nav.library", false)}
      {link("/app/clip", "web.nav.clip", current === "clip")}
      {link("/app/help", "web.nav.help", current === "help")}
      {link("/app/import", "import.nav", current === "import")}
      <a href={`/me?lang=${language}`} class="nav-link">
        {t("web.nav.account")}
      </a>
      <button type="button" class="link-button" lang={other} aria-label={t("web.language.switchLabel")} onClick={() => onLanguage(other)}>
        {t("web.language.switch")}
      </button>
      <form method="post" action="/logout" class="inline-form" onSubmit={forgetSession}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit" class="link-button">
          {t("web.nav.signOut")}
        </button>
      </form>
    </nav>
  );
}
