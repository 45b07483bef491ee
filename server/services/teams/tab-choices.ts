/**
 * What a Teams tab (or a SharePoint Embed web part) may show: a theme's page, open to everyone, or a bundle
 * the person's school accepted, by its offer's link, whose key lets the whole channel read it without an
 * account (the key the offer already carries; nothing new is issued here).
 */
import type { Localised } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { Viewer } from "../../core/viewer";
import { schoolAsMember } from "../access/schools";
import { schoolInbox } from "../offers/inbox";
import { themeIndex } from "../taxonomy/theme-index";

export interface TabChoice {
  /** What the configuration form sends back: `theme:<slug>` or `offer:<offer id>`. */
  value: string;
  name: Localised;
  /** The page the tab opens. */
  url: string;
}

export interface SchoolBundles {
  school: string;
  bundles: TabChoice[];
}

export interface TabChoices {
  themes: TabChoice[];
  /** Per school of a signed-in person; null for someone not signed in. */
  schools: SchoolBundles[] | null;
}

/** The most bundles listed per school: a configuration page, not an archive. */
const BUNDLES_PER_SCHOOL = 100;

export function tabChoices(ctx: ServiceContext, viewer: Viewer): TabChoices {
  const themes = themeIndex(ctx).all.map((theme) => ({ value: `theme:${theme.slug}`, name: theme.name, url: ctx.links.themePage(theme.slug) }));
  if (viewer.kind !== "user") return { themes, schools: null };
  const schools = viewer.schools.map((membership) => {
    const school = schoolAsMember(ctx, viewer, membership.id);
    const { offers } = schoolInbox(ctx, school, { status: "accepted", limit: BUNDLES_PER_SCHOOL });
    return {
      school: school.name,
      bundles: offers.map((offer) => ({ value: `offer:${offer.id}`, name: { nl: offer.bundle.title, en: offer.bundle.title }, url: offer.bundle.url })),
    };
  });
  return { themes, schools };
}

/** The choice the form sent, among those this person may make; null for anything else. */
export function chosenTab(choices: TabChoices, value: string | undefined): TabChoice | null {
  if (!value) return null;
  const all = [...choices.themes, ...(choices.schools ?? []).flatMap((s) => s.bundles)];
  return all.find((choice) => choice.value === value) ?? null;
}
