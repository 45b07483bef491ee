/**
 * The way to the import screens, from the library and the web app's header: the only import texts the
 * first screens carry. The screens' own texts are in ./import-screens, loaded with the screens.
 * Dutch first; `en` is typed by the Dutch keys, so a text missing in one language is a type error.
 */
const nl = {
  "import.nav": "Importeren",
  "import.fromLibrary": "Links importeren uit bladwijzers of een ander programma",
  "import.loading": "Laden…",
};

const en: Record<keyof typeof nl, string> = {
  "import.nav": "Import",
  "import.fromLibrary": "Import links from bookmarks or another tool",
  "import.loading": "Loading…",
};

export const imports = { nl, en };
