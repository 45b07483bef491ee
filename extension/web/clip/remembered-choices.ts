/**
 * The person's last circle, recent themes, tags and the theme taxonomy on this browser, as the extension
 * keeps them in its storage (lib/storage.ts): the clip form offers them, and theme chips work offline.
 * localStorage, per origin; a value this page cannot read is treated as absent, never as an error.
 */
import type { CreateItemRequest, Theme } from "../../../shared/schemas";
import type { LastUsed } from "../../lib/storage";

const LAST_USED = "knooppunt.web.lastUsed";
const TAG_HISTORY = "knooppunt.web.tagHistory";
const TAXONOMY = "knooppunt.web.taxonomy";
const RECENT_THEMES = 8;
const TAGS_KEPT = 200;

function read<T>(key: string, wellFormed: (value: unknown) => value is T, fallback: T): T {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? "null");
    return wellFormed(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
const isLastUsed = (value: unknown): value is LastUsed => {
  const v = value as Partial<LastUsed> | null;
  return typeof v === "object" && v !== null && strings(v.themes) && (v.visibility === null || typeof v.visibility === "string") && (v.communityId === null || typeof v.communityId === "string");
};
const isThemes = (value: unknown): value is Theme[] => Array.isArray(value) && value.every((t) => typeof (t as Theme)?.slug === "string" && typeof (t as Theme)?.name === "object");

export const lastUsed = (): LastUsed => read(LAST_USED, isLastUsed, { themes: [], visibility: null, communityId: null });
export const tagHistory = (): string[] => read(TAG_HISTORY, strings, []);
export const cachedTaxonomy = (): Theme[] => read(TAXONOMY, isThemes, []);

const write = (key: string, value: unknown) => {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or disabled storage costs the suggestions next time, never the clip.
  }
};

export const keepTaxonomy = (themes: Theme[]) => write(TAXONOMY, themes);

/** After a save or a queued save: the circle and themes used, the tags for suggestions. */
export function rememberChoices(request: CreateItemRequest) {
  const before = lastUsed();
  write(LAST_USED, {
    themes: [...new Set([...(request.themes ?? []), ...before.themes])].slice(0, RECENT_THEMES),
    visibility: request.visibility ?? null,
    communityId: request.communityId ?? null,
  } satisfies LastUsed);
  if (request.tags?.length) {
    const tags = request.tags.map((tag) => tag.toLowerCase());
    write(TAG_HISTORY, [...new Set([...tags, ...tagHistory()])].slice(0, TAGS_KEPT));
  }
}
