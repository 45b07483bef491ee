import { z } from "zod";

/** No script runs on the pages for people: they need only their own inline style and images from anywhere. */
export const PAGE_CSP =
  "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Pages with forms (sign-in, account, administration): the same, but forms may post to this site only. */
export const FORM_PAGE_CSP = PAGE_CSP.replace("form-action 'none'", "form-action 'self'");

// A page is for people: an unknown ?lang= or a malformed slug is ignored rather than answered with a 400.
export const PageLang = z.enum(["nl", "en"]).optional().catch(undefined);
export const SlugParam = z.object({ slug: z.string().max(200).catch("") });
