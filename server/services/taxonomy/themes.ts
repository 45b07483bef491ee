/**
 * Administering the theme taxonomy: seeding it from PRODUCT.md's list, and themes that administrators
 * add or change. Every change drops the in-memory index (theme-index.ts) and, when words change,
 * re-indexes the saves that carry the theme.
 */
import type { Theme } from "../../../shared/schemas";
import { THEME_TAXONOMY, themeSlug } from "../../../shared/themes";
import { reindexSavesWithThemes } from "../../db/repositories/library/search-index";
import { insertTheme, insertThemeIfMissing, lastThemePosition, updateThemeFields } from "../../db/repositories/themes";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
import { forgetThemeIndex, themeIndex, type ThemeIndex } from "./theme-index";

/** Inserts the taxonomy of PRODUCT.md where missing. Existing themes are left as administrators made them. */
export function seedThemes(ctx: ServiceContext): number {
  const now = isoNow(ctx);
  let inserted = 0;
  transaction(ctx, () => {
    THEME_TAXONOMY.forEach((seed, position) => {
      if (insertThemeIfMissing(ctx, { ...seed, synonyms: [...seed.synonyms] }, position, now)) inserted += 1;
    });
  });
  if (inserted) forgetThemeIndex(ctx);
  return inserted;
}

export interface ThemeInput {
  slug?: string;
  name?: { nl: string; en: string };
  description?: { nl: string; en: string };
  parent?: string | null;
  synonyms?: string[];
}

function checkParent(index: ThemeIndex, slug: string, parent: string | null | undefined) {
  if (!parent) return;
  if (!index.bySlug.has(parent)) throw invalid("unknown_theme", `Unknown parent theme '${parent}'.`, [{ path: ["parent"], message: "unknown theme" }]);
  if (index.withDescendants(slug).includes(parent)) {
    throw invalid("theme_cycle", "A theme cannot be placed under itself or one of its sub-themes.", [{ path: ["parent"], message: "cycle" }]);
  }
}

export function createTheme(ctx: ServiceContext, input: ThemeInput & { name: { nl: string; en: string } }): Theme {
  const slug = input.slug ?? themeSlug(input.name.nl);
  if (!slug) throw invalid("invalid_slug", "The Dutch name must contain letters or digits.");
  const index = themeIndex(ctx);
  if (index.bySlug.has(slug)) throw conflict("theme_exists", `A theme with slug '${slug}' already exists.`);
  checkParent(index, slug, input.parent);
  const theme: Theme = {
    slug,
    name: input.name,
    description: { nl: input.description?.nl ?? "", en: input.description?.en ?? "" },
    parent: input.parent ?? null,
    synonyms: input.synonyms ?? [],
  };
  // A new theme goes last, after the seeded taxonomy and earlier additions.
  insertTheme(ctx, theme, (lastThemePosition(ctx) ?? 0) + 1, isoNow(ctx));
  forgetThemeIndex(ctx);
  return themeIndex(ctx).bySlug.get(slug)!;
}

export function updateTheme(ctx: ServiceContext, slug: string, input: ThemeInput): Theme {
  const index = themeIndex(ctx);
  const current = index.bySlug.get(slug);
  if (!current) throw notFound("theme");
  if (input.parent !== undefined) checkParent(index, slug, input.parent);
  const changed: Theme = {
    slug,
    name: { nl: input.name?.nl ?? current.name.nl, en: input.name?.en ?? current.name.en },
    description: { nl: input.description?.nl ?? current.description.nl, en: input.description?.en ?? current.description.en },
    parent: input.parent === undefined ? current.parent : input.parent,
    synonyms: input.synonyms ?? current.synonyms,
  };
  transaction(ctx, () => {
    updateThemeFields(ctx, changed, isoNow(ctx));
    forgetThemeIndex(ctx);
    // Names and synonyms are searchable words of every save carrying the theme.
    if (input.name || input.synonyms) {
      const index = themeIndex(ctx);
      reindexSavesWithThemes(ctx, [slug], (slugs) => index.searchTerms(slugs));
    }
  });
  return themeIndex(ctx).bySlug.get(slug)!;
}

export const listThemes = (ctx: ServiceContext, q?: string) => (q ? themeIndex(ctx).matching(q) : themeIndex(ctx).all);
