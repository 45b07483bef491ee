import { useMemo, useState } from "preact/hooks";
import type { UiLanguage } from "../../../shared/i18n";
import { themeLabelOf } from "./theme-label";
import { translate } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { foldText } from "../../../shared/text";

interface Props {
  id: string;
  themes: Theme[];
  selected: string[];
  suggested: string[];
  language: UiLanguage;
  onChange(selected: string[]): void;
}

const MAX_OPTIONS = 8;

/** Theme chips with a searchable list; a synonym ("talenbewust lesgeven") finds its theme. */
export function ThemePicker({ id, themes, selected, suggested, language, onChange }: Props) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const bySlug = useMemo(() => new Map(themes.map((t) => [t.slug, t])), [themes]);
  const label = (slug: string) => themeLabelOf(bySlug, slug, language);

  const options = useMemo(() => {
    const q = foldText(query);
    const free = themes.filter((t) => !selected.includes(t.slug));
    if (!q) {
      const first = suggested.filter((s) => bySlug.has(s) && !selected.includes(s));
      const rest = free.filter((t) => t.parent === null && !first.includes(t.slug)).map((t) => t.slug);
      return [...first, ...rest].slice(0, MAX_OPTIONS);
    }
    return free
      .map((t) => {
        // Names before synonyms, beginnings before middles: "meer" lists Meertaligheid first.
        const names = [t.name.nl, t.name.en, t.slug].map(foldText);
        const synonyms = t.synonyms.map(foldText);
        const rank = names.some((n) => n.startsWith(q))
          ? 0
          : synonyms.some((s) => s.startsWith(q))
            ? 1
            : names.some((n) => n.includes(q))
              ? 2
              : synonyms.some((s) => s.includes(q))
                ? 3
                : 4;
        return { slug: t.slug, rank };
      })
      .filter((o) => o.rank < 4)
      .sort((a, b) => a.rank - b.rank)
      .map((o) => o.slug)
      .slice(0, MAX_OPTIONS);
  }, [query, themes, selected, suggested, bySlug]);

  const add = (slug: string | undefined) => {
    if (!slug) return;
    onChange([...selected, slug]);
    setQuery("");
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === "Enter" && open && query && options.length) {
      // Enter picks the highlighted theme instead of submitting the form.
      event.preventDefault();
      add(options[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === "Backspace" && !query && selected.length) {
      onChange(selected.slice(0, -1));
    }
  };

  const listId = `${id}-options`;
  return (
    <div class="combo">
      {selected.length > 0 && (
        <ul class="chips" aria-label={translate(language, "popup.themes")} style={{ listStyle: "none", padding: 0, margin: "0 0 0.35rem" }}>
          {selected.map((slug) => (
            <li key={slug} class="chip selected" data-theme={slug}>
              {label(slug)}
              <button type="button" aria-label={`${translate(language, "common.dismiss")}: ${label(slug)}`} onClick={() => onChange(selected.filter((s) => s !== slug))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="search"
        role="combobox"
        autocomplete="off"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? `${listId}-${options[active]}` : undefined}
        placeholder={translate(language, "popup.themeSearch")}
        value={query}
        onInput={(e) => {
          setQuery((e.target as HTMLInputElement).value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label={translate(language, "popup.themes")}>
          {options.length === 0 && <li role="option" aria-disabled="true">{translate(language, "popup.themeNoMatch")}</li>}
          {options.map((slug, index) => (
            <li
              key={slug}
              id={`${listId}-${slug}`}
              role="option"
              data-theme={slug}
              aria-selected={index === active}
              onMouseDown={(e) => {
                e.preventDefault();
                add(slug);
              }}
            >
              {label(slug)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
