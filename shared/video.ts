/**
 * The one rule for "this address is a video": the clipper's kind and video fields, URL normalisation's
 * single watch URL per YouTube video, and the bundle page's still all read video addresses through it.
 *
 * Recognised (http or https; host names compared lower-case):
 * - YouTube, on `youtube.com`, `www.youtube.com`, `m.youtube.com`, `music.youtube.com`,
 *   `youtube-nocookie.com` and `www.youtube-nocookie.com`: `/watch?v=ID` (nothing after `watch`),
 *   `/shorts/ID`, `/live/ID`, `/embed/ID`, `/v/ID`; and `youtu.be/ID` (also `www.youtu.be`).
 *   An ID is exactly 11 of `A–Z a–z 0–9 _ -`, as YouTube issues them; anything else is a channel, a
 *   playlist (`/embed/videoseries?list=…`, whose name happens to be 11 letters) or garbage.
 * - Vimeo, on `vimeo.com` (also `www.`, `m.`) and `player.vimeo.com`: the first all-digit path segment is
 *   the id (`/876543210`, `/channels/<name>/876543210`, `/video/876543210`); an unlisted video's hash
 *   follows the id or sits in `?h=`.
 *
 * Embed URLs are the privacy-friendly players (`youtube-nocookie.com`, `player.vimeo.com`).
 * Hand-written: the patterns are few and stable, and a library would bring rules of its own.
 */
export type VideoProvider = "youtube" | "vimeo";

export interface VideoAddress {
  provider: VideoProvider;
  id: string;
  embedUrl: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"]);
const YOUTUBE_SHORT_HOSTS = new Set(["youtu.be", "www.youtu.be"]);
const YOUTUBE_ID_PATHS = new Set(["shorts", "live", "embed", "v"]);
const VIMEO_HOSTS = new Set(["vimeo.com", "www.vimeo.com", "m.vimeo.com", "player.vimeo.com"]);

/** The platform's own name for a video address on it, as a page's site name. */
export const videoPlatformName = (video: VideoAddress | null): string | null =>
  video === null ? null : { youtube: "YouTube", vimeo: "Vimeo" }[video.provider];

/** True for every host YouTube serves pages or players from (for dropping its share parameters). */
export function isYouTubeHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "youtube.com" || host.endsWith(".youtube.com") || YOUTUBE_SHORT_HOSTS.has(host) || YOUTUBE_HOSTS.has(host);
}

/** True when `id` has the shape of a YouTube video id. */
export const isYouTubeId = (id: string): boolean => YOUTUBE_ID.test(id);

/** The still YouTube always serves for a video, or null for something that is not a YouTube id. */
export const youTubeStillUrl = (id: string): string | null => (isYouTubeId(id) ? `https://i.ytimg.com/vi/${id}/hqdefault.jpg` : null);

/** Provider, id and embed URL of a YouTube or Vimeo video address (see the list above); anything else → null. */
export function parseVideoUrl(raw: string | URL | null | undefined): VideoAddress | null {
  const url = httpUrl(raw);
  if (url === null) return null;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split("/").filter(Boolean);

  const youTubeId = youTubeIdOf(host, segments, url.searchParams);
  if (youTubeId !== null) return { provider: "youtube", id: youTubeId, embedUrl: `https://www.youtube-nocookie.com/embed/${youTubeId}` };

  if (VIMEO_HOSTS.has(host)) {
    const index = segments.findIndex((segment) => /^\d+$/.test(segment));
    // Not vimeo.com/user123: a user page has letters in it.
    if (index >= 0) {
      const id = segments[index]!;
      const next = segments[index + 1];
      const hash = next && /^[0-9a-f]{6,}$/i.test(next) ? next : url.searchParams.get("h");
      const query = hash && /^[0-9a-f]+$/i.test(hash) ? `?h=${hash}` : "";
      return { provider: "vimeo", id, embedUrl: `https://player.vimeo.com/video/${id}${query}` };
    }
  }
  return null;
}

function youTubeIdOf(host: string, segments: string[], query: URLSearchParams): string | null {
  let id: string | null | undefined = null;
  if (YOUTUBE_SHORT_HOSTS.has(host)) id = segments[0];
  else if (YOUTUBE_HOSTS.has(host)) {
    const [first, second] = segments;
    if (first === "watch" && segments.length === 1) id = query.get("v");
    else if (YOUTUBE_ID_PATHS.has(first ?? "") && second !== "videoseries") id = second;
  }
  return id && isYouTubeId(id) ? id : null;
}

function httpUrl(raw: string | URL | null | undefined): URL | null {
  if (!raw) return null;
  if (raw instanceof URL) return raw.protocol === "http:" || raw.protocol === "https:" ? raw : null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}
