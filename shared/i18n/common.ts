/**
 * Texts more than one surface shows, written once: the two questions every bundle answers (the seeds'
 * "waar gaat dit over, wat kan ik hiermee?") and how a bundle introduces itself, in the side panel's
 * preview, on the bundle page, in feeds and in Teams cards alike.
 */
const nl = {
  "bundle.kicker": "Kennisbundel",
  "bundle.about": "Waar gaat dit over?",
  "bundle.use": "Wat kan ik ermee?",
  "bundle.curatedBy": "Samengesteld door {names}",
  "bundle.itemsCounted": "In deze bundel ({count})",
  "bundle.noLongerShared": "niet meer gedeeld",
} as const;

const en: Record<keyof typeof nl, string> = {
  "bundle.kicker": "Knowledge bundle",
  "bundle.about": "What is it about?",
  "bundle.use": "What can I do with it?",
  "bundle.curatedBy": "Curated by {names}",
  "bundle.itemsCounted": "In this bundle ({count})",
  "bundle.noLongerShared": "no longer shared",
};

export const common = { nl, en };
