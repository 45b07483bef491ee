/**
 * /app/help: Knooppunt without the extension — installing the web app on a phone, tablet or Chromebook,
 * the iPhone's Shortcut, and the bookmarklet for browsers that cannot install anything.
 */
import type { ComponentChildren } from "preact";
import { useMemo, useState } from "preact/hooks";
import { translate, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import { WebFrame } from "../clip/WebFrame";
import { bookmarkletHref } from "./bookmarklet";
import "./help.css";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function Steps({ t, keys, params }: { t: Translate; keys: MessageKey[]; params?: Record<string, string> }) {
  return (
    <ol class="help-steps">
      {keys.map((key) => (
        <li key={key}>{t(key, params)}</li>
      ))}
    </ol>
  );
}

/** Text to copy: shown in full (selectable on any device), with a button where the clipboard can be written. */
function CopyText({ id, label, value, t }: { id: string; label: string; value: string; t: Translate }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div class="field copy-text">
      <label for={id}>{label}</label>
      <textarea id={id} readOnly rows={value.length > 120 ? 4 : 1} value={value} onFocus={(e) => (e.target as HTMLTextAreaElement).select()} />
      <div class="row">
        <button type="button" class="small-button" onClick={copy}>
          {t("webHelp.copy")}
        </button>
        <span role="status" class="hint">
          {copied ? t("webHelp.copied") : ""}
        </span>
      </div>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="help-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function HelpPage({ language, nav }: { language: UiLanguage; nav: ComponentChildren }) {
  const t: Translate = (key, params) => translate(language, key, params);
  const origin = location.origin;
  const href = useMemo(() => bookmarkletHref(origin), [origin]);
  const [dragHint, setDragHint] = useState(false);
  const shortcutUrl = `${origin}/app/clip?url=`;
  return (
    <WebFrame nav={nav}>
      <main class="panel-body help">
        <h1>{t("webHelp.title")}</h1>
        <p>{t("webHelp.intro")}</p>

        <Section id="help-install" title={t("webHelp.install.title")}>
          <h3>{t("webHelp.install.android")}</h3>
          <Steps t={t} keys={["webHelp.install.android.1", "webHelp.install.android.2", "webHelp.install.android.3"]} />
          <h3>{t("webHelp.install.ios")}</h3>
          <Steps t={t} keys={["webHelp.install.ios.1", "webHelp.install.ios.2", "webHelp.install.ios.3"]} />
          <h3>{t("webHelp.install.chromebook")}</h3>
          <Steps t={t} keys={["webHelp.install.chromebook.1", "webHelp.install.chromebook.2"]} />
        </Section>

        <Section id="help-shortcut" title={t("webHelp.shortcut.title")}>
          <p>{t("webHelp.shortcut.intro")}</p>
          <Steps
            t={t}
            keys={["webHelp.shortcut.1", "webHelp.shortcut.2", "webHelp.shortcut.3", "webHelp.shortcut.4", "webHelp.shortcut.5", "webHelp.shortcut.6"]}
          />
          <CopyText id="shortcut-url" label={t("webHelp.shortcut.address")} value={shortcutUrl} t={t} />
        </Section>

        <Section id="help-bookmarklet" title={t("webHelp.bookmarklet.title")}>
          <p>{t("webHelp.bookmarklet.intro")}</p>
          <p>
            {/* For dragging only: our own CSP (rightly) would not run it here. */}
            <a
              class="button bookmarklet"
              href={href}
              data-testid="bookmarklet"
              onClick={(event) => {
                event.preventDefault();
                setDragHint(true);
              }}
            >
              {t("webHelp.bookmarklet.name")}
            </a>
          </p>
          <p role="status" class={dragHint ? "notice info" : "visually-hidden"}>
            {dragHint ? t("webHelp.bookmarklet.dragHint") : ""}
          </p>
          <Steps t={t} keys={["webHelp.bookmarklet.1", "webHelp.bookmarklet.2"]} />
          <p>{t("webHelp.bookmarklet.ipad")}</p>
          <CopyText id="bookmarklet-code" label={t("webHelp.bookmarklet.code")} value={href} t={t} />
          <p class="hint">{t("webHelp.bookmarklet.privacy")}</p>
        </Section>
      </main>
    </WebFrame>
  );
}
