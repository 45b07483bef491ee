/** The theme taxonomy as the API serves and edits it (API.md "Themes"). */
import { z } from "zod";
import { Localised, ThemeSlug, trimmed } from "./common";

export const Theme = z.object({
  slug: ThemeSlug,
  name: Localised,
  description: Localised,
  parent: ThemeSlug.nullable(),
  synonyms: z.array(z.string()),
});
export type Theme = z.infer<typeof Theme>;

export const ThemesResponse = z.object({ themes: z.array(Theme) });
export const ThemeResponse = z.object({ theme: Theme });
export const ThemesQuery = z.object({ q: trimmed(100).optional() });

const LocalisedInput = z.object({ nl: trimmed(120).min(1), en: trimmed(120).min(1) });
const LocalisedText = z.object({ nl: trimmed(2000), en: trimmed(2000) });
export const CreateThemeRequest = z.object({
  slug: ThemeSlug.optional(),
  name: LocalisedInput,
  description: LocalisedText.optional(),
  parent: ThemeSlug.nullable().optional(),
  synonyms: z.array(trimmed(120).min(1)).max(30).optional(),
});
export const UpdateThemeRequest = CreateThemeRequest.omit({ slug: true }).partial();
