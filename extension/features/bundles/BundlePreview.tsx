import { Fragment } from "preact";
import { kindKey } from "../../../shared/i18n";
import { paragraphs } from "../../../shared/text";
import type { BundleDraft } from "./bundle-draft";
import { siteOf } from "../../lib/format";
import { useSession } from "../context";

/** Plain text as the bundle page shows it: blank lines make paragraphs, single newlines line breaks. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((lines, index) => (
        <p key={index}>
          {lines.map((line, i) => (
            <Fragment key={i}>
              {i > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}

/**
 * The bundle as its page will show it, live while the broker types: title, "Waar gaat dit over?",
 * "Wat kan ik ermee?", and each item with the broker's note. Other people's notes never appear there.
 */
export function BundlePreview({ draft }: { draft: BundleDraft }) {
  const { t, themeName, session } = useSession();
  const { fields, items } = draft;
  const curators = draft.bundle.curators.length ? draft.bundle.curators.map((c) => c.name).join(", ") : session.user.name;
  return (
    <div class="preview" data-testid="bundle-preview">
      <p class="hint">{t("bundle.preview.kicker")}</p>
      <h4 class="preview-title">{fields.title || t("bundle.preview.untitled")}</h4>
      <p class="hint">{t("bundle.preview.curatedBy", { names: curators })}</p>
      {fields.themes.length > 0 && (
        <ul class="chips tags">
          {fields.themes.map((slug) => (
            <li class="chip" key={slug}>
              {themeName(slug)}
            </li>
          ))}
        </ul>
      )}
      <h5>{t("bundle.field.about")}</h5>
      {fields.about.trim() ? <Paragraphs text={fields.about} /> : <p class="hint missing">{t("bundle.preview.missingAbout")}</p>}
      <h5>{t("bundle.field.use")}</h5>
      {fields.use.trim() ? <Paragraphs text={fields.use} /> : <p class="hint missing">{t("bundle.preview.missingUse")}</p>}
      <h5>{t("bundle.preview.items", { count: items.length })}</h5>
      {items.length === 0 ? (
        <p class="hint missing">{t("bundle.items.empty")}</p>
      ) : (
        <ol class="preview-items">
          {items.map((entry) => (
            <li key={entry.itemId}>
              <p class="preview-item-title">{entry.item?.title ?? entry.fallbackTitle}</p>
              {entry.item && (
                <p class="hint">
                  {t(kindKey(entry.item.kind))} · {siteOf(entry.item)}
                </p>
              )}
              {entry.note.trim() && (
                <div class="preview-note">
                  <strong>{t("bundle.preview.brokerNote")}</strong>
                  <Paragraphs text={entry.note} />
                </div>
              )}
              {entry.item?.excerpt && <p class="preview-excerpt">{entry.item.excerpt}</p>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
