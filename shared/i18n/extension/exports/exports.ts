/**
 * "Exporteren": taking one's saves, a bundle or a school's bundles and subscriptions out as a file.
 * Dutch first; `en` is typed by the Dutch keys, so a text missing in one language is a type error.
 */
const nl = {
  "exports.menu": "Exporteren",
  "exports.json": "Alles (JSON, om terug te importeren)",
  "exports.csv": "Spreadsheet (CSV)",
  "exports.html": "Bladwijzers (HTML, voor elke browser)",
  "exports.opml": "Feeds (OPML, voor een feedlezer)",
  "exports.downloaded": "Gedownload: {file}",
  "exports.secretFeed": "Het OPML-bestand bevat het geheime adres van de schoolfeed: deel het niet.",
  "exports.library": "Mijn bewaarde links exporteren",
  "exports.bundle": "Deze bundel exporteren",
  "exports.school": "De bundels en abonnementen van {school} exporteren",
};

const en: Record<keyof typeof nl, string> = {
  "exports.menu": "Export",
  "exports.json": "Everything (JSON, to import back)",
  "exports.csv": "Spreadsheet (CSV)",
  "exports.html": "Bookmarks (HTML, for any browser)",
  "exports.opml": "Feeds (OPML, for a feed reader)",
  "exports.downloaded": "Downloaded: {file}",
  "exports.secretFeed": "The OPML file holds the school feed's secret address: do not share it.",
  "exports.library": "Export my saved links",
  "exports.bundle": "Export this bundle",
  "exports.school": "Export {school}'s bundles and subscriptions",
};

export const exportsCatalogue = { nl, en };
