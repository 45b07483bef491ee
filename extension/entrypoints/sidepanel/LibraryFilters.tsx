import { useMemo } from "preact/hooks";
import { kindKey, visibilityKey } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { ITEM_KINDS, ITEM_SECTORS, VISIBILITIES } from "../../../shared/vocabulary";
import type { FacetCounts, LibraryFilters as Filters } from "./library-search";
import { TreeTwisty, useOpenRows } from "./TreeTwisty";
import { usePanel } from "./panel-context";

interface Props {
  filters: Filters;
  facets: FacetCounts | null;
  onChange(patch: Partial<Filters>): void;
}

/** Theme tree, kind, sector and circle filters, each option with the number of matching items. */
export function LibraryFilters({ filters, facets, onChange }: Props) {
  const { t } = usePanel();
  return (
    <div class="filters-body" data-testid="filters">
      <ThemeTree selected={filters.themes} counts={facets?.themes ?? null} onChange={(themes) => onChange({ themes })} />
      <FacetChecks
        legend={t("kind.label")}
        name="kind"
        options={ITEM_KINDS}
        label={(k) => t(kindKey(k))}
        counts={facets?.kinds ?? null}
        selected={filters.kinds}
        onChange={(kinds) => onChange({ kinds })}
      />
      <FacetChecks
        legend={t("popup.sector")}
        name="sector"
        options={ITEM_SECTORS}
        label={(s) => s.toUpperCase()}
        counts={facets?.sectors ?? null}
        selected={filters.sectors}
        onChange={(sectors) => onChange({ sectors })}
      />
      <FacetChecks
        legend={t("library.filter.circle")}
        name="visibility"
        options={VISIBILITIES}
        label={(v) => t(visibilityKey(v))}
        counts={facets?.visibilities ?? null}
        selected={filters.visibilities}
        onChange={(visibilities) => onChange({ visibilities })}
      />
    </div>
  );
}

function FacetChecks<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly T[];
  label(option: T): string;
  counts: Map<string, number> | null;
  selected: T[];
  onChange(selected: T[]): void;
}) {
  const { t } = usePanel();
  const { legend, name, options, label, counts, selected, onChange } = props;
  // Options nothing matches are left out (unless chosen), so every choice leads somewhere.
  const shown = options.filter((o) => selected.includes(o) || counts === null || (counts.get(o) ?? 0) > 0);
  return (
    <fieldset class="facet">
      <legend>{legend}</legend>
      {shown.length === 0 ? (
        <p class="hint">{t("library.filter.none")}</p>
      ) : (
        <div class="chips">
          {shown.map((option) => {
            const checked = selected.includes(option);
            const count = counts?.get(option) ?? 0;
            return (
              <label class="choice" key={option} data-facet={`${name}:${option}`}>
                <input
                  type="checkbox"
                  name={name}
                  value={option}
                  checked={checked}
                  onChange={() => onChange(checked ? selected.filter((s) => s !== option) : [...selected, option])}
                />
                <span>
                  {label(option)}
                  {counts && <span class="count"> ({count})</span>}
                </span>
              </label>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}

/** Main themes with their sub-themes folded in; a main theme's count includes its sub-themes' items. */
function ThemeTree({ selected, counts, onChange }: { selected: string[]; counts: Map<string, number> | null; onChange(selected: string[]): void }) {
  const { t, themes, language } = usePanel();
  const openRows = useOpenRows();
  const { roots, children } = useMemo(() => {
    const children = new Map<string, Theme[]>();
    for (const theme of themes) {
      if (theme.parent) children.set(theme.parent, [...(children.get(theme.parent) ?? []), theme]);
    }
    return { roots: themes.filter((theme) => theme.parent === null || !themes.some((p) => p.slug === theme.parent)), children };
  }, [themes]);

  const count = (slug: string) => counts?.get(slug) ?? 0;
  const visible = (theme: Theme): boolean => selected.includes(theme.slug) || count(theme.slug) > 0 || (children.get(theme.slug) ?? []).some(visible);
  const toggle = (slug: string) => onChange(selected.includes(slug) ? selected.filter((s) => s !== slug) : [...selected, slug]);

  const row = (theme: Theme) => {
    const subs = (children.get(theme.slug) ?? []).filter(visible);
    const expanded = openRows.isOpen(theme.slug) || subs.some((s) => selected.includes(s.slug));
    const name = theme.name[language];
    return (
      <li key={theme.slug}>
        <div class="tree-row">
          <TreeTwisty
            hasChildren={subs.length > 0}
            expanded={expanded}
            name={name}
            onToggle={() => openRows.toggle(theme.slug, expanded)}
          />
          <label class="check" data-theme={theme.slug}>
            <input type="checkbox" checked={selected.includes(theme.slug)} onChange={() => toggle(theme.slug)} />
            <span>
              {name}
              {counts && <span class="count"> ({count(theme.slug)})</span>}
            </span>
          </label>
        </div>
        {expanded && subs.length > 0 && <ul>{subs.map(row)}</ul>}
      </li>
    );
  };

  const shown = counts === null ? [] : roots.filter(visible);
  return (
    <fieldset class="facet">
      <legend>{t("popup.themes")}</legend>
      {counts === null ? (
        <p class="hint">{t("common.loading")}</p>
      ) : shown.length === 0 ? (
        <p class="hint">{t("library.filter.none")}</p>
      ) : (
        <ul class="theme-tree">{shown.map(row)}</ul>
      )}
    </fieldset>
  );
}
