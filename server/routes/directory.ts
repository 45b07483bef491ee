import { Hono } from "hono";
import { CommunitiesResponse, InstitutesResponse, SchoolsResponse } from "../../shared/schemas";
import { requireUser } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { communitiesFor, listInstitutes, listSchools } from "../services/accounts/organisations";

const tag = "directory";

export const directoryRoutes = new Hono<AppEnv>()
  .get("/schools", doc({ tag, summary: "All schools", responses: { 200: { description: "Schools", schema: SchoolsResponse } } }), requireUser, (c) =>
    c.json({ schools: listSchools(c.var.ctx) }),
  )
  .get("/institutes", doc({ tag, summary: "All teacher-education institutes", responses: { 200: { description: "Institutes", schema: InstitutesResponse } } }), requireUser, (c) =>
    c.json({ institutes: listInstitutes(c.var.ctx) }),
  )
  .get(
    "/communities",
    doc({ tag, summary: "The caller's communities and open ones", responses: { 200: { description: "Communities", schema: CommunitiesResponse } } }),
    requireUser,
    (c) => c.json({ communities: communitiesFor(c.var.ctx, c.var.viewer) }),
  );
