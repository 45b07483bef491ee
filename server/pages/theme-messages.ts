/**
 * The theme page's strings, Dutch first. Kept beside the page rather than in shared/i18n.ts because only
 * the server renders them; a key missing in English is a type error, as there.
 */
const nl = {
  "theme.kicker": "Thema",
  "theme.partOf": "Onderdeel van {parent}",
  "theme.subThemes": "Subthema's",
  "theme.follow": "Volg dit thema",
  "theme.followHint": "Nieuwe openbare kennis in dit thema, in je feedlezer, Outlook of SharePoint.",
  "theme.feed.atom": "Atom-feed",
  "theme.feed.rss": "RSS-feed",
  "theme.feed.json": "JSON-feed",
  "theme.bundles": "Bundels",
  "theme.noBundles": "Er zijn nog geen openbare bundels in dit thema.",
  "theme.itemCount": "{count} items",
  "theme.use": "Wat kan ik ermee?",
  "theme.items": "Gedeelde kennis",
  "theme.noItems": "Er is nog niets openbaar gedeeld in dit thema.",
  "theme.language": "English",
  "theme.notFound.title": "Thema niet gevonden",
  "theme.notFound.body": "Dit thema bestaat niet (meer). Kies een thema in de bibliotheek van Knooppunt.",
} as const;

export type ThemeMessageKey = keyof typeof nl;

const en: Record<ThemeMessageKey, string> = {
  "theme.kicker": "Theme",
  "theme.partOf": "Part of {parent}",
  "theme.subThemes": "Sub-themes",
  "theme.follow": "Follow this theme",
  "theme.followHint": "New public knowledge in this theme, in your feed reader, Outlook or SharePoint.",
  "theme.feed.atom": "Atom feed",
  "theme.feed.rss": "RSS feed",
  "theme.feed.json": "JSON feed",
  "theme.bundles": "Bundles",
  "theme.noBundles": "There are no public bundles in this theme yet.",
  "theme.itemCount": "{count} items",
  "theme.use": "What can I do with it?",
  "theme.items": "Shared knowledge",
  "theme.noItems": "Nothing has been shared publicly in this theme yet.",
  "theme.language": "Nederlands",
  "theme.notFound.title": "Theme not found",
  "theme.notFound.body": "This theme does not exist (any more). Choose a theme in Knooppunt's library.",
};

import type { PageLanguage } from "./bundle-messages";

const CATALOGUE: Record<PageLanguage, Record<ThemeMessageKey, string>> = { nl, en };

export type { PageLanguage };

export function themeText(language: PageLanguage, key: ThemeMessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUE[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
