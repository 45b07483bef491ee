/**
 * The theme taxonomy as every save, search and feed reads it: held in memory per database, resolving
 * names and synonyms to slugs and walking the tree. Administration (services/taxonomy/themes.ts) drops
 * the held copy after every change.
 */
import type { Theme } from "../../../shared/schemas";
import { foldText } from "../../../shared/text";
import { themeSlug } from "../../../shared/themes";
import { themesInOrder } from "../../db/repositories/themes";
import type { ServiceContext } from "../../core/context";
import { invalid } from "../../core/errors";

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
    index = new ThemeIndex(themesInOrder(ctx));
    cache.set(ctx.sqlite, index);
  }
  return index;
}

/** After a change to the themes: the next read builds the index from the database again. */
export const forgetThemeIndex = (ctx: ServiceContext) => void cache.delete(ctx.sqlite);

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
