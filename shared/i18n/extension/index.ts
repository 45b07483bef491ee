/** The extension's catalogue, by screen; the keys of the parts do not overlap (each owns its prefixes). */
import { account } from "./account";
import { bundles } from "./bundles";
import { clipper } from "./clipper";
import { library } from "./library";
import { places } from "./places";
import { schools } from "./schools";
import { managed } from "./managed";
import { pageFacts } from "./page-facts";
import { web } from "./web";
import { webClip } from "./web-clip";
import { bulk } from "./bulk";
import { exportsCatalogue } from "./exports/exports";
import { imports } from "./imports/imports";
import { questions } from "./questions/questions";

export const extension = {
  nl: { ...clipper.nl, ...library.nl, ...bundles.nl, ...schools.nl, ...account.nl, ...places.nl, ...managed.nl, ...pageFacts.nl, ...web.nl, ...webClip.nl, ...bulk.nl, ...exportsCatalogue.nl, ...imports.nl, ...questions.nl },
  en: { ...clipper.en, ...library.en, ...bundles.en, ...schools.en, ...account.en, ...places.en, ...managed.en, ...pageFacts.en, ...web.en, ...webClip.en, ...bulk.en, ...exportsCatalogue.en, ...imports.en, ...questions.en },
};
