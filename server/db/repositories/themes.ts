/**
 * The theme taxonomy's rows, in the shape the product uses (a theme with its names and descriptions in
 * both languages). `position` keeps the order the taxonomy lists its themes in.
 */
import { asc, eq, max } from "drizzle-orm";
import type { Theme } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { themes } from "../schema";

type ThemeRow = typeof themes.$inferSelect;

const toTheme = (row: ThemeRow): Theme => ({
  slug: row.slug,
  name: { nl: row.nameNl, en: row.nameEn },
  description: { nl: row.descriptionNl, en: row.descriptionEn },
  parent: row.parent,
  synonyms: row.synonyms,
});

const fieldsOf = (theme: Theme) => ({
  nameNl: theme.name.nl,
  nameEn: theme.name.en,
  descriptionNl: theme.description.nl,
  descriptionEn: theme.description.en,
  parent: theme.parent,
  synonyms: theme.synonyms,
});

export const themesInOrder = (ctx: ServiceContext): Theme[] =>
  ctx.db.select().from(themes).orderBy(asc(themes.position), asc(themes.slug)).all().map(toTheme);

/** The highest position in use, or null when there are no themes. */
export const lastThemePosition = (ctx: ServiceContext): number | null => ctx.db.select({ p: max(themes.position) }).from(themes).get()?.p ?? null;

export function insertTheme(ctx: ServiceContext, theme: Theme, position: number, at: string) {
  ctx.db.insert(themes).values({ slug: theme.slug, ...fieldsOf(theme), position, createdAt: at, updatedAt: at }).run();
}

/** Inserts the theme unless its slug exists; false when it did. */
export const insertThemeIfMissing = (ctx: ServiceContext, theme: Theme, position: number, at: string) =>
  ctx.db.insert(themes).values({ slug: theme.slug, ...fieldsOf(theme), position, createdAt: at, updatedAt: at }).onConflictDoNothing().run().changes > 0;

/** Writes the theme's names, descriptions, parent and synonyms; its slug and position stay. */
export function updateThemeFields(ctx: ServiceContext, theme: Theme, at: string) {
  ctx.db.update(themes).set({ ...fieldsOf(theme), updatedAt: at }).where(eq(themes.slug, theme.slug)).run();
}
