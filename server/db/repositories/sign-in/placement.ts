/**
 * Finding the organisations a school account's claims name: a school by BRIN code, an institute by its
 * SURFconext domain, a school or bestuur by Entra tenant or Google Workspace domain. The lists are JSON
 * arrays on each row, searched with json_each (a network has tens to hundreds of organisations).
 */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { queryAll } from "../../statements";

export interface NamedOrganisation {
  id: string;
  name: string;
}

/**
 * Schools whose BRIN codes hold this one. A four-character BRIN names the whole school and so also matches
 * the codes with a two-digit location (12AB matches 12AB01); a code with a location matches a school
 * registered with the four characters alone. Case-insensitive: operators and providers write both.
 */
export const schoolsByBrin = (ctx: ServiceContext, brin: string) => {
  const code = brin.trim().toUpperCase();
  return queryAll<NamedOrganisation>(
    ctx,
    sql`SELECT s.id AS id, s.name AS name FROM schools s
        WHERE EXISTS (SELECT 1 FROM json_each(s.brin_codes) j WHERE upper(j.value) = ${code}
          OR (length(${code}) = 4 AND substr(upper(j.value), 1, 4) = ${code})
          OR (length(j.value) = 4 AND upper(j.value) = substr(${code}, 1, 4)))
        ORDER BY s.name, s.id`,
  );
};

export const institutesByDomain = (ctx: ServiceContext, domain: string) =>
  queryAll<NamedOrganisation>(
    ctx,
    sql`SELECT i.id AS id, i.name AS name FROM institutes i
        WHERE EXISTS (SELECT 1 FROM json_each(i.domains) j WHERE lower(j.value) = ${domain.trim().toLowerCase()})
        ORDER BY i.name, i.id`,
  );

type AccountList = "entra_tenants" | "google_domains";

/** Schools that registered this Entra tenant id or Google Workspace domain themselves. */
export const schoolsByAccountList = (ctx: ServiceContext, list: AccountList, value: string) =>
  queryAll<NamedOrganisation>(
    ctx,
    sql`SELECT s.id AS id, s.name AS name FROM schools s
        WHERE EXISTS (SELECT 1 FROM json_each(${sql.raw(`s.${list}`)}) j WHERE lower(j.value) = ${value.trim().toLowerCase()})
        ORDER BY s.name, s.id`,
  );

/** Besturen that registered this Entra tenant id or Google Workspace domain for all their schools. */
export const besturenByAccountList = (ctx: ServiceContext, list: AccountList, value: string) =>
  queryAll<NamedOrganisation>(
    ctx,
    sql`SELECT b.id AS id, b.name AS name FROM besturen b
        WHERE EXISTS (SELECT 1 FROM json_each(${sql.raw(`b.${list}`)}) j WHERE lower(j.value) = ${value.trim().toLowerCase()})
        ORDER BY b.name, b.id`,
  );

export const schoolsOfBestuur = (ctx: ServiceContext, bestuurId: string) =>
  queryAll<NamedOrganisation>(ctx, sql`SELECT id, name FROM schools WHERE bestuur_id = ${bestuurId} ORDER BY name, id`);
