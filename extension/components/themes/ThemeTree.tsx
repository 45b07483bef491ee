/**
 * The theme taxonomy as a tree: main themes with their sub-themes folded in, one checkbox per theme.
 * The library's filters and a school's subscriptions show it.
 */
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import type { Theme } from "../../../shared/schemas";
import { useUi } from "../ui-context";
import { TreeTwisty, useOpenRows } from "./TreeTwisty";

/** Main themes (and sub-themes whose main theme is unknown) with each theme's sub-themes. */
function forestOf(themes: Theme[]) {
  const children = new Map<string, Theme[]>();
  for (const theme of themes) if (theme.parent) children.set(theme.parent, [...(children.get(theme.parent) ?? []), theme]);
  const roots = themes.filter((theme) => theme.parent === null || !themes.some((p) => p.slug === theme.parent));
  return { roots, children };
}

interface Props {
  themes: Theme[];
  selected: string[];
  onChange(selected: string[]): void;
  /** Only these themes, and the main themes above them, appear; every theme when left out. */
  visible?(theme: Theme): boolean;
  /** Said after a theme's name (the library's counts). */
  after?(theme: Theme): ComponentChildren;
  /**
   * A chosen main theme includes its sub-themes (a subscription follows them): they show checked and
   * fixed, described by `hint(main theme's name)`, and choosing the main theme drops them from the choice.
   */
  includesSubthemes?: { idPrefix: string; hint(parentName: string): string };
}

export function ThemeTree({ themes, selected, onChange, visible, after, includesSubthemes }: Props) {
  const { language } = useUi();
  const openRows = useOpenRows();
  const { roots, children } = useMemo(() => forestOf(themes), [themes]);
  const shown = (theme: Theme): boolean => !visible || visible(theme) || (children.get(theme.slug) ?? []).some(shown);

  const toggle = (theme: Theme) => {
    if (selected.includes(theme.slug)) return onChange(selected.filter((s) => s !== theme.slug));
    if (!includesSubthemes) return onChange([...selected, theme.slug]);
    // Choosing a main theme makes its separately chosen sub-themes redundant.
    const subs = new Set((children.get(theme.slug) ?? []).map((c) => c.slug));
    onChange([...selected.filter((s) => !subs.has(s)), theme.slug]);
  };

  const row = (theme: Theme, parent: Theme | null) => {
    const subs = (children.get(theme.slug) ?? []).filter(shown);
    const included = includesSubthemes !== undefined && parent !== null && selected.includes(parent.slug);
    const expanded = openRows.isOpen(theme.slug) || subs.some((s) => selected.includes(s.slug));
    const name = theme.name[language];
    const hintId = `${includesSubthemes?.idPrefix}-${theme.slug}-via`;
    return (
      <li key={theme.slug}>
        <div class="tree-row">
          <TreeTwisty hasChildren={subs.length > 0} expanded={expanded} name={name} onToggle={() => openRows.toggle(theme.slug, expanded)} />
          <label class="check" data-theme={theme.slug}>
            <input
              type="checkbox"
              checked={included || selected.includes(theme.slug)}
              disabled={included}
              aria-describedby={included ? hintId : undefined}
              onChange={() => toggle(theme)}
            />
            <span>
              {name}
              {after?.(theme)}
              {included && parent && (
                <span class="hint block" id={hintId}>
                  {includesSubthemes?.hint(parent.name[language])}
                </span>
              )}
            </span>
          </label>
        </div>
        {expanded && subs.length > 0 && <ul>{subs.map((sub) => row(sub, theme))}</ul>}
      </li>
    );
  };

  return <ul class="theme-tree">{roots.filter(shown).map((root) => row(root, null))}</ul>;
}
