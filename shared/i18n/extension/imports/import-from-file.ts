/**
 * The review's part for a file from Knooppunt's own export: which circles the links keep from the file,
 * how many fall back to the circle chosen for the import, and which themes are left out. Part of the import
 * screens' texts (./import-screens).
 * Dutch first; `en` is typed by the Dutch keys, so a text missing in one language is a type error.
 */
const nl = {
  "import.fromFile.heading": "Deze links houden hun eigen kring uit het bestand",
  "import.fromFile.intro": "Het bestand komt uit Knooppunt ({count} links): elke link houdt zijn kring en thema's, waar die hier bestaan.",
  "import.fromFile.circle": "{circle}: {count} links",
  "import.fromFile.fallback": "{count} links hebben een school of gemeenschap die hier niet bestaat of waar je geen lid van bent: zij krijgen de kring die je hieronder kiest.",
  "import.fromFile.noFallback": "Geen enkele link valt terug op de kring die je hieronder kiest.",
  "import.fromFile.unknownThemes": "Thema's uit het bestand die hier niet bestaan (weggelaten): {themes}",
};

const en: Record<keyof typeof nl, string> = {
  "import.fromFile.heading": "These links keep their own circle from the file",
  "import.fromFile.intro": "The file comes from Knooppunt ({count} links): each link keeps its circle and themes where they exist here.",
  "import.fromFile.circle": "{circle}: {count} links",
  "import.fromFile.fallback": "{count} links have a school or community that does not exist here or that you are not in: they get the circle you choose below.",
  "import.fromFile.noFallback": "No link falls back to the circle you choose below.",
  "import.fromFile.unknownThemes": "Themes in the file that do not exist here (left out): {themes}",
};

export type FromFileKey = keyof typeof nl;

export const fromFile = { nl, en };
