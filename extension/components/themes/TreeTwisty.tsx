import { useState } from "preact/hooks";
import { useUi } from "../ui-context";

/** The open/close control of a theme with sub-themes in a tree (or a same-width spacer when it has none). */
export function TreeTwisty({ hasChildren, expanded, name, onToggle }: { hasChildren: boolean; expanded: boolean; name: string; onToggle(): void }) {
  const { t } = useUi();
  if (!hasChildren) return <span class="twisty" aria-hidden="true" />;
  return (
    <button
      type="button"
      class="twisty"
      aria-expanded={expanded}
      aria-label={t(expanded ? "library.filter.hideSubthemes" : "library.filter.showSubthemes", { theme: name })}
      onClick={onToggle}
    >
      <span aria-hidden="true">{expanded ? "▾" : "▸"}</span>
    </button>
  );
}

/** Which rows of a theme tree the person opened (a row with a chosen sub-theme shows open regardless). */
export function useOpenRows() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (slug: string, expanded: boolean) => {
    const next = new Set(open);
    if (expanded) next.delete(slug);
    else next.add(slug);
    setOpen(next);
  };
  return { isOpen: (slug: string) => open.has(slug), toggle };
}
