import { useState } from "preact/hooks";
import { translate, type UiLanguage } from "../../shared/i18n";
import { LIMITS } from "../../shared/vocabulary";

interface Props {
  id: string;
  tags: string[];
  history: string[];
  language: UiLanguage;
  onChange(tags: string[]): void;
}

const clean = (tag: string) => tag.trim().replace(/^#/, "").replace(/\s+/g, " ").toLowerCase().slice(0, LIMITS.tag);

/** Free tags: Enter or comma adds one; the person's earlier tags are suggested. */
export function TagInput({ id, tags, history, language, onChange }: Props) {
  const [text, setText] = useState("");
  const commit = () => {
    const tag = clean(text);
    if (tag && !tags.includes(tag) && tags.length < LIMITS.tags) onChange([...tags, tag]);
    setText("");
  };
  return (
    <div>
      {tags.length > 0 && (
        <ul class="chips" style={{ listStyle: "none", padding: 0, margin: "0 0 0.35rem" }}>
          {tags.map((tag) => (
            <li key={tag} class="chip selected">
              #{tag}
              <button type="button" aria-label={`${translate(language, "common.dismiss")}: ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        list={`${id}-history`}
        autocomplete="off"
        placeholder={translate(language, "popup.tagsPlaceholder")}
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if ((e.key === "Enter" || e.key === ",") && text.trim()) {
            e.preventDefault();
            commit();
          } else if (e.key === "Backspace" && !text && tags.length) {
            onChange(tags.slice(0, -1));
          }
        }}
        onBlur={() => text.trim() && commit()}
      />
      <datalist id={`${id}-history`}>
        {history.filter((h) => !tags.includes(h)).slice(0, 30).map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
    </div>
  );
}
