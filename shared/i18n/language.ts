import type { Language } from "../vocabulary";

/**
 * A page's language: `?lang=` when it names one we have, else the first of nl/en in Accept-Language by
 * preference ("en-GB" counts as en), else Dutch.
 */
export function pickLanguage(requested: string | undefined, acceptLanguage: string | undefined): Language {
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
  return (match?.primary as Language | undefined) ?? "nl";
}
