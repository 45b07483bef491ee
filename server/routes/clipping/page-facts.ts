import { Hono } from "hono";
import { ErrorBody, PageFactsRequest, PageFactsResponse, PageFetchRefusedBody } from "../../../shared/schemas";
import { rateLimited } from "../../core/errors";
import { requireUser } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { valid } from "../../http/validate";
import { readPageFacts } from "../../services/pages/facts";

// The web app's clip form without the extension: the server reads the page the person pasted or shared.
export const pageFactsRoutes = new Hono<AppEnv>().post(
  "/pages/facts",
  doc({
    tag: "items",
    summary:
      "Read a page for a clip: the server fetches the address (public https only, redirects re-checked, HTML or PDF, size and time limits) and answers with the facts the extension would read from the tab",
    responses: {
      200: { description: "The page's facts; `page.url` is the address after redirects", schema: PageFactsResponse },
      422: {
        description:
          "The page was not read: `reason` (also in the code as `page_<reason>`) names the rule; with `error_status`, `siteStatus` is what the site answered",
        schema: PageFetchRefusedBody,
      },
      429: { description: "Too many pages asked for; `Retry-After` says when to try again", schema: ErrorBody },
    },
  }),
  requireUser,
  valid("json", PageFactsRequest),
  async (c) => {
    const { settings, perPerson } = c.var.deps.pageFacts;
    // Every read makes Knooppunt fetch from elsewhere on someone's behalf: a person gets a budget, not a crawler.
    const wait = perPerson.hit(c.var.viewer.user.id);
    if (wait > 0) throw rateLimited(wait);
    return c.json({ page: await readPageFacts(c.req.valid("json").url, settings) } satisfies PageFactsResponse, 200);
  },
);
