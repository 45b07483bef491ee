import { asc, eq, max } from "drizzle-orm";
import type { Theme } from "../../../shared/schemas";
import { foldText } from "../../../shared/text";
import { THEME_TAXONOMY, themeSlug } from "../../../shared/themes";
import { themes } from "../../db/schema";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
import { reindexSavesWithThemes } from "../../db/repositories/search-index";

type ThemeRow = typeof themes.$inferSelect;

const toTheme = (row: ThemeRow): Theme => ({
  slug: row.slug,
  name: { nl: row.nameNl, en: row.nameEn },
  description: { nl: row.descriptionNl, en: row.descriptionEn },
  parent: row.parent,
  synonyms: row.synonyms,
});

/** The taxonomy held in memory: small, read on every save and search, changed rarely. */
export class ThemeIndex {
  readonly bySlug: Map<string, Theme>;
  private readonly children = new Map<string, string[]>();
  private readonly byTerm = new Map<string, string>();

  private readonly position: Map<string, number>;

  constructor(readonly all: Theme[]) {
    this.bySlug = new Map(all.map((t) => [t.slug, t]));
    this.position = new Map(all.map((t, i) => [t.slug, i]));
    for (const theme of all) {
      if (theme.parent) this.children.set(theme.parent, [...(this.children.get(theme.parent) ?? []), theme.slug]);
      for (const term of [theme.slug, theme.name.nl, theme.name.en, ...theme.synonyms]) {
        const folded = foldText(term);
        if (!this.byTerm.has(folded)) this.byTerm.set(folded, theme.slug);
        const slugged = themeSlug(term);
        if (slugged && !this.byTerm.has(slugged)) this.byTerm.set(slugged, theme.slug);
      }
    }
  }

  /** Orders slugs as the taxonomy lists them (an unknown slug first, as it always was). */
  readonly compare = (a: string, b: string) => (this.position.get(a) ?? -1) - (this.position.get(b) ?? -1);

  /** A slug, a name or a synonym ("talenbewust lesgeven") → the theme's slug. */
  resolve(term: string): string | null {
    if (this.bySlug.has(term)) return term;
    return this.byTerm.get(foldText(term)) ?? this.byTerm.get(themeSlug(term)) ?? null;
  }

  /** The theme and all of its descendants: filtering on a theme includes its sub-themes. */
  withDescendants(slug: string): string[] {
    const out: string[] = [];
    const walk = (s: string) => {
      if (out.includes(s)) return;
      out.push(s);
      for (const child of this.children.get(s) ?? []) walk(child);
    };
    walk(slug);
    return out;
  }

  /** The themes and every theme above them: a subscription to a theme includes its sub-themes. */
  withAncestors(slugs: readonly string[]): string[] {
    const out = new Set<string>();
    for (const slug of slugs) {
      for (let s: string | null = slug; s && !out.has(s); s = this.bySlug.get(s)?.parent ?? null) out.add(s);
    }
    return [...out];
  }

  /** Words that make an item findable by its themes: names in both languages and synonyms. */
  searchTerms(slugs: string[]): string {
    return slugs
      .flatMap((slug) => {
        const t = this.bySlug.get(slug);
        return t ? [t.name.nl, t.name.en, ...t.synonyms] : [];
      })
      .join(" ; ");
  }

  matching(query: string): Theme[] {
    const q = foldText(query);
    if (!q) return this.all;
    return this.all.filter((t) =>
      [t.slug, t.name.nl, t.name.en, ...t.synonyms].some((term) => foldText(term).includes(q)),
    );
  }
}

// Keyed by the database, so contexts derived from one another (another clock, say) share the index.
const cache = new WeakMap<object, ThemeIndex>();

export function themeIndex(ctx: ServiceContext): ThemeIndex {
  let index = cache.get(ctx.sqlite);
  if (!index) {
    index = new ThemeIndex(ctx.db.select().from(themes).orderBy(asc(themes.position), asc(themes.slug)).all().map(toTheme));
    cache.set(ctx.sqlite, index);
  }
  return index;
}

const invalidate = (ctx: ServiceContext) => cache.delete(ctx.sqlite);

/** Validates theme slugs sent with a save: every one must exist, unknown ones are named in the error. */
export function requireThemes(ctx: ServiceContext, slugs: string[]): string[] {
  const index = themeIndex(ctx);
  const resolved = slugs.map((s) => index.resolve(s));
  const unknown = slugs.filter((_, i) => resolved[i] === null);
  if (unknown.length) {
    throw invalid(
      "unknown_theme",
      `Unknown theme: ${unknown.join(", ")}. GET /api/v1/themes lists the themes.`,
      unknown.map((slug) => ({ path: ["themes"], message: `unknown theme '${slug}'` })),
    );
  }
  return [...new Set(resolved as string[])];
}

/** Inserts the taxonomy of PRODUCT.md where missing. Existing themes are left as administrators made them. */
export function seedThemes(ctx: ServiceContext): number {
  const now = isoNow(ctx);
  let inserted = 0;
  ctx.db.transaction((tx) => {
    THEME_TAXONOMY.forEach((seed, position) => {
      const result = tx
        .insert(themes)
        .values({
          slug: seed.slug,
          nameNl: seed.name.nl,
          nameEn: seed.name.en,
          descriptionNl: seed.description.nl,
          descriptionEn: seed.description.en,
          parent: seed.parent,
          synonyms: [...seed.synonyms],
          position,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .run();
      inserted += result.changes;
    });
  });
  if (inserted) invalidate(ctx);
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
  const now = isoNow(ctx);
  const position = (ctx.db.select({ p: max(themes.position) }).from(themes).get()?.p ?? 0) + 1;
  ctx.db
    .insert(themes)
    .values({
      slug,
      nameNl: input.name.nl,
      nameEn: input.name.en,
      descriptionNl: input.description?.nl ?? "",
      descriptionEn: input.description?.en ?? "",
      parent: input.parent ?? null,
      synonyms: input.synonyms ?? [],
      position,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  invalidate(ctx);
  return themeIndex(ctx).bySlug.get(slug)!;
}

export function updateTheme(ctx: ServiceContext, slug: string, input: ThemeInput): Theme {
  const index = themeIndex(ctx);
  const current = index.bySlug.get(slug);
  if (!current) throw notFound("theme");
  if (input.parent !== undefined) checkParent(index, slug, input.parent);
  ctx.db.transaction(() => {
    ctx.db
      .update(themes)
      .set({
        nameNl: input.name?.nl ?? current.name.nl,
        nameEn: input.name?.en ?? current.name.en,
        descriptionNl: input.description?.nl ?? current.description.nl,
        descriptionEn: input.description?.en ?? current.description.en,
        parent: input.parent === undefined ? current.parent : input.parent,
        synonyms: input.synonyms ?? current.synonyms,
        updatedAt: isoNow(ctx),
      })
      .where(eq(themes.slug, slug))
      .run();
    invalidate(ctx);
    // Names and synonyms are searchable words of every save carrying the theme.
    if (input.name || input.synonyms) {
      const index = themeIndex(ctx);
      reindexSavesWithThemes(ctx, [slug], (slugs) => index.searchTerms(slugs));
    }
  });
  return themeIndex(ctx).bySlug.get(slug)!;
}

export const listThemes = (ctx: ServiceContext, q?: string) => (q ? themeIndex(ctx).matching(q) : themeIndex(ctx).all);
