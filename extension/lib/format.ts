/** How dates, sites and offer states read in the person's language: one rule for every screen. */
import type { OfferStatus } from "../../shared/schemas";
import type { MessageKey } from "../../shared/i18n";

export function formatDate(language: string, iso: string | null, withTime = false): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(language === "en" ? "en-GB" : "nl-NL", {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
}

/** The site's own name, else the host without "www.", else the address as given. */
export const siteOf = (page: { url: string; siteName: string | null }) => {
  if (page.siteName) return page.siteName;
  try {
    return new URL(page.url).hostname.replace(/^www\./, "");
  } catch {
    return page.url;
  }
};

export const offerStatusKey = (status: OfferStatus): MessageKey => `offer.status.${status}` as MessageKey;
