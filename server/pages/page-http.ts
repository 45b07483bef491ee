import type { MiddlewareHandler } from "hono";
import { z } from "zod";

/** No script runs on the pages for people: they need only their own inline style and images from anywhere. */
export const PAGE_CSP =
  "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Pages with forms (sign-in, account, administration): the same, but forms may post to this site only. */
export const FORM_PAGE_CSP = PAGE_CSP.replace("form-action 'none'", "form-action 'self'");

// A page is for people: an unknown ?lang= or a malformed slug is ignored rather than answered with a 400.
export const PageLang = z.enum(["nl", "en"]).optional().catch(undefined);
export const SlugParam = z.object({ slug: z.string().max(200).catch("") });

/**
 * Where schools work: the hosts Microsoft lists for a Teams tab's frame-ancestors (Teams, the Microsoft 365
 * app and Outlook, old and *.cloud.microsoft domains; learn.microsoft.com, "Tab requirements"), and SharePoint
 * sites, whose Embed web part frames a page directly. Nobody else may frame a bundle or theme page, so a
 * look-alike site cannot dress our pages up as its own.
 */
export const MICROSOFT_365_FRAME_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft365.com",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook-sdf.office.com",
  "https://outlook-sdf.office365.com",
  "https://*.sharepoint.com",
] as const;

/** `frame-ancestors` for a page a school may show in Teams or SharePoint, plus the operator's own hosts (EMBED_ALLOW_ORIGINS). */
const embeddable = (csp: string, operatorOrigins: readonly string[]) =>
  csp.replace("frame-ancestors 'none'", `frame-ancestors ${[...MICROSOFT_365_FRAME_ANCESTORS, ...operatorOrigins].join(" ")}`);

/** A bundle or theme page: as PAGE_CSP, but Teams, SharePoint and the operator's hosts may frame it. */
export const embeddablePageCsp = (operatorOrigins: readonly string[]) => embeddable(PAGE_CSP, operatorOrigins);

/** The Teams tab's configuration page: a GET form to this site, framed where bundle and theme pages are. */
export const embeddableFormPageCsp = (operatorOrigins: readonly string[]) => embeddable(FORM_PAGE_CSP, operatorOrigins);

/**
 * X-Frame-Options (secureHeaders sends SAMEORIGIN everywhere) cannot name other sites; where a page's CSP lets
 * others frame it, that header would contradict it, so it goes. Registered before secureHeaders, so it runs
 * after it. Every other answer keeps it, and its CSP says 'none' anyway.
 */
export const dropFrameOptionsWhereFramingIsAllowed: MiddlewareHandler = async (c, next) => {
  await next();
  const ancestors = /(?:^|;)\s*frame-ancestors\s+([^;]*)/.exec(c.res.headers.get("Content-Security-Policy") ?? "")?.[1]?.trim();
  if (ancestors && ancestors !== "'none'") c.res.headers.delete("X-Frame-Options");
};
