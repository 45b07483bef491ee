import { kindKey, visibilityKey } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { ITEM_KINDS, ITEM_SECTORS, VISIBILITIES } from "../../../shared/vocabulary";
import type { FacetCounts, LibraryFilters as Filters } from "./library-search";
import { ThemeTree } from "../../components/themes/ThemeTree";
import { useSession } from "../context";

interface Props {
  filters: Filters;
  facets: FacetCounts | null;
  onChange(patch: Partial<Filters>): void;
}

/** Theme tree, kind, sector and circle filters, each option with the number of matching items. */
export function LibraryFilters({ filters, facets, onChange }: Props) {
  const { t } = useSession();
  return (
    <div class="filters-body" data-testid="filters">
      <ThemeFilter selected={filters.themes} counts={facets?.themes ?? null} onChange={(themes) => onChange({ themes })} />
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
  const { t } = useSession();
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
function ThemeFilter({ selected, counts, onChange }: { selected: string[]; counts: Map<string, number> | null; onChange(selected: string[]): void }) {
  const { t, themes } = useSession();
  const count = (slug: string) => counts?.get(slug) ?? 0;
  // Themes nothing matches are left out (unless chosen), as the other filters do.
  const visible = (theme: Theme) => selected.includes(theme.slug) || count(theme.slug) > 0;
  return (
    <fieldset class="facet">
      <legend>{t("popup.themes")}</legend>
      {counts === null ? (
        <p class="hint">{t("common.loading")}</p>
      ) : !themes.some(visible) ? (
        <p class="hint">{t("library.filter.none")}</p>
      ) : (
        <ThemeTree
          themes={themes}
          selected={selected}
          onChange={onChange}
          visible={visible}
          after={(theme) => <span class="count"> ({count(theme.slug)})</span>}
        />
      )}
    </fieldset>
  );
}
