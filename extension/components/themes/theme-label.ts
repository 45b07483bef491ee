import type { UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";

// Apart from ThemeTree.tsx so the popup's theme picker can name themes without bundling the tree.
/** "NT2 › Nieuwkomers" for a sub-theme, the name for a main theme, the slug for an unknown one. */
export function themeLabelOf(bySlug: ReadonlyMap<string, Theme>, slug: string, language: UiLanguage): string {
  const theme = bySlug.get(slug);
  if (!theme) return slug;
  const parent = theme.parent ? bySlug.get(theme.parent) : undefined;
  return parent ? `${parent.name[language]} › ${theme.name[language]}` : theme.name[language];
}
