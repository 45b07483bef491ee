/**
 * The bundle page's strings, Dutch first. `en` is typed by the Dutch keys, so a string missing (or extra)
 * in one language is a type error.
 */
import type { ItemSector } from "../../shared/schemas";

export type PageLanguage = "nl" | "en";

const nl = {
  "page.kicker": "Kennisbundel",
  "page.about": "Waar gaat dit over?",
  "page.use": "Wat kan ik ermee?",
  "page.items": "In deze bundel",
  "page.itemCount.one": "1 onderdeel",
  "page.itemCount.other": "{count} onderdelen",
  "page.curatedBy": "Samengesteld door {names}",
  "page.published": "Gepubliceerd op {date}",
  "page.version": "versie {version}",
  "page.themes": "Thema's",
  "page.sector": "Sector",
  "page.brokerNote": "Toelichting van de makelaar",
  "page.by": "door {author}",
  "page.watch": "Video",
  "page.duration": "Duur {duration}",
  "page.thumbnailAlt": "Videobeeld: {title}",
  "page.onlineAt": "Deze bundel online: {url}",
  "page.printHint": "Tip: print deze pagina als hand-out voor het teamoverleg.",
  "page.switchLanguage": "English",
  "page.notFound.title": "Bundel niet gevonden",
  "page.notFound.body":
    "Deze bundel bestaat niet, is nog niet gepubliceerd of is alleen voor het netwerk. Gebruik de link die je school kreeg, of meld je aan bij Knooppunt.",
  "sector.po": "Primair onderwijs",
  "sector.vo": "Voortgezet onderwijs",
  "sector.mbo": "Mbo",
  "sector.so": "Speciaal onderwijs",
  "sector.hbo": "Hbo",
  "sector.wo": "Wo",
};

export type PageMessageKey = keyof typeof nl;

const en: Record<PageMessageKey, string> = {
  "page.kicker": "Knowledge bundle",
  "page.about": "What is it about?",
  "page.use": "What can I do with it?",
  "page.items": "In this bundle",
  "page.itemCount.one": "1 item",
  "page.itemCount.other": "{count} items",
  "page.curatedBy": "Curated by {names}",
  "page.published": "Published on {date}",
  "page.version": "version {version}",
  "page.themes": "Themes",
  "page.sector": "Sector",
  "page.brokerNote": "Note from the broker",
  "page.by": "by {author}",
  "page.watch": "Video",
  "page.duration": "Duration {duration}",
  "page.thumbnailAlt": "Video still: {title}",
  "page.onlineAt": "This bundle online: {url}",
  "page.printHint": "Tip: print this page as a handout for your team meeting.",
  "page.switchLanguage": "Nederlands",
  "page.notFound.title": "Bundle not found",
  "page.notFound.body":
    "This bundle does not exist, is not published yet, or is for network members only. Use the link your school received, or sign in to Knooppunt.",
  "sector.po": "Primary education",
  "sector.vo": "Secondary education",
  "sector.mbo": "Vocational education (mbo)",
  "sector.so": "Special education",
  "sector.hbo": "Higher professional education (hbo)",
  "sector.wo": "University (wo)",
};

const MESSAGES: Record<PageLanguage, Record<PageMessageKey, string>> = { nl, en };

export function pageText(lang: PageLanguage, key: PageMessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const sectorKey = (sector: ItemSector) => `sector.${sector}` as const satisfies PageMessageKey;

/**
 * The page's language: `?lang=` when it names one we have, else the first of nl/en in Accept-Language by
 * preference ("en-GB" counts as en), else Dutch.
 */
export function pickLanguage(requested: string | undefined, acceptLanguage: string | undefined): PageLanguage {
  if (requested === "nl" || requested === "en") return requested;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { primary: tag.trim().toLowerCase().split("-")[0]!, q: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const match = ranked.find((entry) => entry.primary === "nl" || entry.primary === "en");
  return (match?.primary as PageLanguage | undefined) ?? "nl";
}
