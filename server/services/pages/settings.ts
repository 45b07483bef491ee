/** How far the server goes to read a page for a person: the operator's allow-list and the limits. */
export interface PageFetchLimits {
  /** An HTML page larger than this is not read further (decoded size; the wire counts too). */
  maxHtmlBytes: number;
  /** The same for a PDF, which is mostly images and fonts the title lookup skips over. */
  maxPdfBytes: number;
  /** The whole read, name lookups and redirects included. */
  timeoutMs: number;
  /** The longest silence while waiting for an answer or between two pieces of the body. */
  idleTimeoutMs: number;
  maxRedirects: number;
}

export interface PageFetchSettings extends PageFetchLimits {
  /** PAGE_FETCH_ALLOW_HOSTS: hosts that may be private and may use plain http. */
  allowHosts: readonly string[];
  /** Names Knooppunt and the installation, so a site's operator can see who reads their pages, and ask. */
  userAgent: string;
}

export const PAGE_FETCH_DEFAULTS: PageFetchLimits = {
  maxHtmlBytes: 5 * 1024 * 1024,
  maxPdfBytes: 20 * 1024 * 1024,
  timeoutMs: 20_000,
  idleTimeoutMs: 8_000,
  maxRedirects: 5,
};

export const pageFetchUserAgent = (publicBase: string) => `Knooppunt/0.1 (+${publicBase})`;
