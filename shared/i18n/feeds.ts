/**
 * The texts of the Atom, RSS and JSON feeds the server writes. Feeds are written in Dutch today; the
 * English is here so a feed can follow its reader's language without new texts.
 */
const nl = {
  "feeds.title": "Knooppunt — {name}",
  "feeds.schoolSubtitle": "Aangenomen bundels en nieuwe kennis in de thema's van {school}",
} as const;

const en: Record<keyof typeof nl, string> = {
  "feeds.title": "Knooppunt — {name}",
  "feeds.schoolSubtitle": "Accepted bundles and new knowledge in the themes of {school}",
};

export const feeds = { nl, en };
