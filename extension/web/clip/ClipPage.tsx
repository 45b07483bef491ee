/**
 * /app/clip: with a link (shared from a phone, pasted, or sent by the bookmarklet) the same Clipper as
 * the extension's popup; without one, a field to paste it.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { translate, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import "../../features/clipper/clipper.css";
import { Clipper } from "../../features/clipper/Clipper";
import type { KnooppuntApi } from "../../lib/api";
import type { Session } from "../../lib/storage";
import "./clip.css";
import { pageFromFragment, sharedLinkOf, webAddress } from "./shared-link";
import { WebFrame } from "./WebFrame";
import { webClipperHost } from "./web-host";

export function ClipPage({ session, api, language, nav, notice }: { session: Session; api: KnooppuntApi; language: UiLanguage; nav: ComponentChildren; notice: ComponentChildren }) {
  const link = useMemo(() => sharedLinkOf(location.search), []);
  const fromBookmarklet = useMemo(() => (link ? pageFromFragment(location.hash, link) : null), []);
  // The page's facts are read once: a reload or a copied address does not carry them along.
  useEffect(() => {
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  }, []);
  const host = useMemo(() => (link ? webClipperHost({ session, api, language, link, pageFromBookmarklet: fromBookmarklet }) : null), [language]);

  if (!link || !host) {
    const asked = new URLSearchParams(location.search);
    return (
      <WebFrame nav={nav}>
        {notice}
        <PasteLink language={language} unreadable={asked.has("url") || asked.has("text")} />
      </WebFrame>
    );
  }
  return (
    <WebFrame nav={nav} class="web-clip">
      {notice}
      {/* A new language starts the form again, in that language, as reopening the popup would. */}
      <Clipper key={language} host={host} />
    </WebFrame>
  );
}

/** A person types "www.school.nl/artikel": that is meant as a web address. */
const asWebAddress = (typed: string) => webAddress(typed) ?? (/^[\w-]+(\.[\w-]+)+(\/|$)/.test(typed.trim()) ? webAddress(`https://${typed.trim()}`) : null);

function PasteLink({ language, unreadable }: { language: UiLanguage; unreadable: boolean }) {
  const t = (key: MessageKey) => translate(language, key);
  const [value, setValue] = useState("");
  const [wrong, setWrong] = useState(unreadable);
  const submit = (event: Event) => {
    event.preventDefault();
    const url = asWebAddress(value);
    if (!url) return setWrong(true);
    location.assign(`/app/clip?url=${encodeURIComponent(url)}`);
  };
  return (
    <main class="panel-body paste-link">
      <h1>{t("webClip.paste.title")}</h1>
      <p class="hint">{t("webClip.paste.intro")}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="clip-url">{t("webClip.paste.label")}</label>
          <input
            id="clip-url"
            name="url"
            type="url"
            inputMode="url"
            autoComplete="url"
            placeholder="https://"
            value={value}
            aria-invalid={wrong}
            aria-describedby={wrong ? "clip-url-error" : undefined}
            onInput={(e) => {
              setValue((e.target as HTMLInputElement).value);
              setWrong(false);
            }}
          />
          {wrong && (
            <p id="clip-url-error" class="notice error" role="alert">
              {t("webClip.paste.notAnAddress")}
            </p>
          )}
        </div>
        <div class="actions">
          <button class="button" type="submit">
            {t("webClip.paste.submit")}
          </button>
        </div>
      </form>
      <p class="hint">
        {t("webClip.paste.otherWays")} <a href="/app/help">{t("webClip.paste.help")}</a>
      </p>
    </main>
  );
}
