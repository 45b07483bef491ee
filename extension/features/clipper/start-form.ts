/**
 * Where the clip form starts. Widening is a deliberate act: the circle starts at the person's default
 * (or at their own save's), and the circle they used last time is only offered. Themes come from the page
 * itself; the person's recent themes are offered, never applied to a page that does not name them.
 */
import { requestFromTab } from "../../../shared/clip-request";
import type { Item, Theme } from "../../../shared/schemas";
import { pageSignals, suggestThemes } from "../../../shared/suggest-themes";
import type { ItemKind, ItemSector, Visibility } from "../../../shared/vocabulary";
import { circlesFor } from "../../components/CircleChooser";
import type { CapturedPage } from "../../lib/messaging";
import type { ClipperStart } from "./host";

export interface Form {
  title: string;
  kind: ItemKind;
  themes: string[];
  tags: string[];
  note: string;
  quote: string;
  sector: ItemSector[];
  visibility: Visibility;
  communityId: string | null;
}

export interface Circle {
  visibility: Visibility;
  communityId: string | null;
}

export interface StartingPoint {
  form: Form;
  /** Weaker matches from the page, then recent themes: one click each. */
  offeredThemes: string[];
  /** The circle of the person's last clip when it is not where the form starts: one click away, never applied unasked. */
  lastCircle: Circle | null;
}

const MAX_OFFERED = 6;

export function startingPoint(
  start: Pick<ClipperStart, "settings" | "session" | "lastUsed">,
  target: { captured: CapturedPage; title: string | undefined },
  existing: Item | null,
  taxonomy: Theme[],
): StartingPoint {
  const { settings, session, lastUsed } = start;
  const { captured, title: tabTitle } = target;
  const page = captured.page;
  const mine = existing?.mySave ?? null;

  const circles = circlesFor(session);
  const usable = (visibility: Visibility | null | undefined): visibility is Visibility => !!visibility && circles.includes(visibility);
  const visibility = mine?.visibility ?? (usable(settings.defaultVisibility) ? settings.defaultVisibility : "private");
  const communityId = mine?.communityId ?? settings.defaultCommunityId ?? session?.communities[0]?.id ?? null;
  const lastCircle =
    !mine && usable(lastUsed.visibility) && lastUsed.visibility !== visibility
      ? { visibility: lastUsed.visibility, communityId: lastUsed.communityId ?? communityId }
      : null;

  const known = new Set(taxonomy.map((theme) => theme.slug));
  const suggested = suggestThemes(page ? pageSignals(page) : { title: tabTitle }, taxonomy);
  // A person's own save keeps its themes; what the page suggests is then only offered.
  const themes = mine ? mine.themes : suggested.preselected;
  const offered = [...(mine ? suggested.preselected : []), ...suggested.offered, ...lastUsed.themes.filter((slug) => known.has(slug))];
  const offeredThemes = [...new Set(offered)].filter((slug) => !themes.includes(slug)).slice(0, MAX_OFFERED);

  return {
    form: {
      title: existing?.title ?? page?.title ?? tabTitle ?? captured.url,
      kind: existing?.kind ?? page?.kind ?? requestFromTab(captured.url, tabTitle, null).kind ?? "artikel",
      themes,
      tags: mine?.tags ?? [],
      note: mine?.note ?? "",
      quote: page?.quote ?? mine?.quote ?? "",
      sector: mine?.sector ?? [],
      visibility,
      communityId,
    },
    offeredThemes,
    lastCircle,
  };
}
