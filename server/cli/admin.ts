/**
 * `npm run admin -- <command>`: the administration API's operations for operators on the server's
 * machine, against the same database file (DATABASE_PATH) and through the same services and schemas.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  AdminCreateInstituteRequest,
  AdminCreateSchoolRequest,
  CommunityRole,
  CreateBestuurRequest,
  CreateCommunityRequest,
  UpdateBestuurRequest,
  UpdateInstituteRequest,
  UpdateSchoolRequest,
  CreateUserRequest,
  SchoolRole,
  SharedWork,
  UpdateUserRequest,
  UserRole,
} from "../../shared/schemas";
import { ConfigError, configuredPublicUrl, loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { createServiceContext, type ServiceContext } from "../core/context";
import { createLinks } from "../core/links";
import { DomainError, invalid } from "../core/errors";
import { createUser, findUserByEmail, listUsers, updateUser } from "../services/accounts/accounts";
import {
  adminInstitutes,
  adminSchools,
  createBestuur,
  listBesturen,
  updateBestuur,
  updateInstitute,
  updateSchool,
  createCommunity,
  createInstitute,
  createSchool,
  listCommunities,
  removeCommunityMember,
  removeSchoolMember,
  setCommunityMember,
  setInstituteMember,
  setSchoolMember,
} from "../services/accounts/organisations";
import { getPerson, searchPeople } from "../services/accounts/people";
import { auditLogPage, recordAdminAction } from "../services/privacy/audit-log";
import { deleteAccount } from "../services/privacy/deletion";

const OPERATOR = { kind: "operator" } as const;

/**
 * What each changing command is in the audit log (user:delete records itself, with its counts). The
 * subject is the record's id, never the e-mail address typed on the command line.
 */
const AUDITED: Record<string, { action: string; subjectKind: string }> = {
  "user:create": { action: "user.create", subjectKind: "user" },
  "user:update": { action: "user.update", subjectKind: "user" },
  "school:create": { action: "school.create", subjectKind: "school" },
  "school:update": { action: "school.update", subjectKind: "school" },
  "bestuur:create": { action: "bestuur.create", subjectKind: "bestuur" },
  "bestuur:update": { action: "bestuur.update", subjectKind: "bestuur" },
  "institute:update": { action: "institute.update", subjectKind: "institute" },
  "school:member": { action: "school.member.set", subjectKind: "school" },
  "school:remove": { action: "school.member.remove", subjectKind: "school" },
  "institute:create": { action: "institute.create", subjectKind: "institute" },
  "institute:member": { action: "institute.member.set", subjectKind: "institute" },
  "community:create": { action: "community.create", subjectKind: "community" },
  "community:member": { action: "community.member.set", subjectKind: "community" },
  "community:remove": { action: "community.member.remove", subjectKind: "community" },
};

function recordCommand(ctx: ServiceContext, command: string, args: string[], result: unknown) {
  const audited = AUDITED[command];
  if (!audited) return;
  const made = result as { id?: unknown; userId?: unknown } | null;
  const isMembership = command.endsWith(":member") || command.endsWith(":remove");
  const subjectId = isMembership ? (args[0] ?? null) : typeof made?.id === "string" ? made.id : null;
  const member = isMembership && args[1] ? (args[1].includes("@") ? findUserByEmail(ctx, args[1])?.id : args[1]) : undefined;
  recordAdminAction(ctx, OPERATOR, { action: audited.action, subjectKind: audited.subjectKind, subjectId, details: member ? { userId: member } : {} });
}

const HELP = `Knooppunt beheer / administration

  npm run admin -- users [part of a name or e-mail address]
  npm run admin -- user:create --name "Naam" --email a@school.nl --password "…" [--role broker] [--role admin]
  npm run admin -- user:update a@school.nl|<userId> [--name …] [--email …] [--password …] [--role broker …|--no-roles] [--disable|--enable]
  npm run admin -- user:delete a@school.nl [--shared-work handOver|remove] [--hand-over-to broker@school.nl]
  npm run admin -- audit-log [--limit 50]
  npm run admin -- schools
  npm run admin -- school:create --name "De Regenboog" --sector po [--region Eindhoven] [--bestuur "Stichting …"]
                     [--brin 12AB] [--brin 12AB01] [--entra-tenant <GUID>] [--google-domain school.nl]
  npm run admin -- school:update <schoolId> [--name …] [--sector …] [--region …|--no-region] [--bestuur …|--no-bestuur]
                     [--brin …|--no-brin] [--entra-tenant …|--no-entra-tenants] [--google-domain …|--no-google-domains]
  npm run admin -- besturen
  npm run admin -- bestuur:create --name "Stichting …" [--entra-tenant <GUID>] [--google-domain bestuur.nl]
  npm run admin -- bestuur:update <bestuurId> [--name …] [--entra-tenant …|--no-entra-tenants] [--google-domain …|--no-google-domains]
  npm run admin -- school:member <schoolId> a@school.nl [--role member|coordinator]
  npm run admin -- school:remove <schoolId> a@school.nl
  npm run admin -- institutes
  npm run admin -- institute:create --name "Pabo Eindhoven" --kind pabo|lerarenopleiding|universiteit [--domain fontys.nl]
  npm run admin -- institute:update <instituteId> [--name …] [--kind …] [--domain …|--no-domains]
  npm run admin -- institute:member <instituteId> a@school.nl [--role member|coordinator]
  npm run admin -- communities
  npm run admin -- community:create --name "PLG Meertaligheid" --kind leergemeenschap [--open] [--description …]
  npm run admin -- community:member <communityId> a@school.nl [--role member|owner]
  npm run admin -- community:remove <communityId> a@school.nl

Each --brin, --entra-tenant, --google-domain and --domain given replaces the whole list; repeat the option
for several. The database is DATABASE_PATH (default data/knooppunt.db).`;

const options = {
  name: { type: "string" },
  email: { type: "string" },
  password: { type: "string" },
  role: { type: "string", multiple: true },
  "no-roles": { type: "boolean" },
  disable: { type: "boolean" },
  enable: { type: "boolean" },
  sector: { type: "string" },
  region: { type: "string" },
  bestuur: { type: "string" },
  kind: { type: "string" },
  open: { type: "boolean" },
  description: { type: "string" },
  "shared-work": { type: "string" },
  "hand-over-to": { type: "string" },
  limit: { type: "string" },
  brin: { type: "string", multiple: true },
  "entra-tenant": { type: "string", multiple: true },
  "google-domain": { type: "string", multiple: true },
  domain: { type: "string", multiple: true },
  "no-region": { type: "boolean" },
  "no-bestuur": { type: "boolean" },
  "no-brin": { type: "boolean" },
  "no-entra-tenants": { type: "boolean" },
  "no-google-domains": { type: "boolean" },
  "no-domains": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** A person by e-mail address, or by id for people who sign in with their school account and have none. */
function userIdFor(ctx: ServiceContext, who: string | undefined) {
  if (!who) throw invalid("missing_argument", "Give the person's e-mail address (or their id).");
  if (!who.includes("@")) return getPerson(ctx, who).id;
  const user = findUserByEmail(ctx, who);
  if (!user) throw new DomainError("not_found", "not_found", `No account with e-mail address ${who}.`);
  return user.id;
}

/** A list option: its values, [] when `--no-…` clears it, undefined when neither was given. */
const listOption = (values: Record<string, unknown>, name: string, clear: string) =>
  values[clear] ? [] : (values[name] as string[] | undefined);

async function run(ctx: ServiceContext, command: string | undefined, args: string[], values: Record<string, unknown>) {
  const v = values as { role?: string[] } & Record<string, string | string[] | boolean | undefined>;
  switch (command) {
    case "users":
      if (args[0]) {
        return searchPeople(ctx, { q: args[0], limit: 100 }).users.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          roles: u.roles.join(","),
          disabled: u.disabled,
          password: u.hasPassword,
          schoolAccounts: u.identities.map((i) => `${i.provider} ${i.organisation ?? ""}`.trim()).join(","),
        }));
      }
      return listUsers(ctx).map((u) => ({ id: u.id, name: u.name, email: u.email, roles: u.roles.join(","), disabled: u.disabled }));
    case "user:create": {
      const input = CreateUserRequest.parse({ name: v.name, email: v.email, password: v.password, roles: v.role });
      const user = await createUser(ctx, input);
      return { id: user.id, email: user.email, roles: user.roles };
    }
    case "user:update": {
      const id = userIdFor(ctx, args[0]);
      const input = UpdateUserRequest.parse({
        name: v.name,
        email: v.email,
        password: v.password,
        roles: v["no-roles"] ? [] : v.role ? z.array(UserRole).parse(v.role) : undefined,
        disabled: v.disable ? true : v.enable ? false : undefined,
      });
      const user = await updateUser(ctx, id, input);
      return { id: user.id, email: user.email, roles: user.roles, disabled: user.disabled };
    }
    case "user:delete": {
      const id = userIdFor(ctx, args[0]);
      const sharedWork = SharedWork.parse(v["shared-work"] ?? "handOver");
      const handOverTo = v["hand-over-to"] ? userIdFor(ctx, v["hand-over-to"] as string) : undefined;
      return { deleted: deleteAccount(ctx, id, { sharedWork, handOverTo }, OPERATOR) };
    }
    case "audit-log":
      return auditLogPage(ctx, { limit: z.coerce.number().int().min(1).max(1000).parse(v.limit ?? "50") }).entries.map((e) => ({
        at: e.at,
        actor: e.actor.userId ?? e.actor.kind,
        action: e.action,
        subject: `${e.subject.kind} ${e.subject.id ?? ""}`.trim(),
      }));
    case "schools":
      return adminSchools(ctx).map((s) => ({ ...s, brinCodes: s.brinCodes.join(","), entraTenants: s.entraTenants.join(","), googleDomains: s.googleDomains.join(",") }));
    case "school:create":
      return createSchool(
        ctx,
        AdminCreateSchoolRequest.parse({
          name: v.name,
          sector: v.sector,
          region: v.region,
          bestuur: v.bestuur,
          brinCodes: v.brin,
          entraTenants: v["entra-tenant"],
          googleDomains: v["google-domain"],
        }),
      );
    case "school:update":
      return updateSchool(
        ctx,
        args[0] ?? "",
        UpdateSchoolRequest.parse({
          name: v.name,
          sector: v.sector,
          region: v["no-region"] ? null : v.region,
          bestuur: v["no-bestuur"] ? null : v.bestuur,
          brinCodes: listOption(v, "brin", "no-brin"),
          entraTenants: listOption(v, "entra-tenant", "no-entra-tenants"),
          googleDomains: listOption(v, "google-domain", "no-google-domains"),
        }),
      );
    case "besturen":
      return listBesturen(ctx).map((b) => ({ ...b, entraTenants: b.entraTenants.join(","), googleDomains: b.googleDomains.join(",") }));
    case "bestuur:create":
      return createBestuur(ctx, CreateBestuurRequest.parse({ name: v.name, entraTenants: v["entra-tenant"], googleDomains: v["google-domain"] }));
    case "bestuur:update":
      return updateBestuur(
        ctx,
        args[0] ?? "",
        UpdateBestuurRequest.parse({
          name: v.name,
          entraTenants: listOption(v, "entra-tenant", "no-entra-tenants"),
          googleDomains: listOption(v, "google-domain", "no-google-domains"),
        }),
      );
    case "school:member":
      return setSchoolMember(ctx, args[0] ?? "", userIdFor(ctx, args[1]), SchoolRole.parse(v.role?.[0] ?? "member"));
    case "school:remove":
      removeSchoolMember(ctx, args[0] ?? "", userIdFor(ctx, args[1]));
      return { removed: true };
    case "institutes":
      return adminInstitutes(ctx).map((i) => ({ ...i, domains: i.domains.join(",") }));
    case "institute:create":
      return createInstitute(ctx, AdminCreateInstituteRequest.parse({ name: v.name, kind: v.kind, domains: v.domain }));
    case "institute:update":
      return updateInstitute(ctx, args[0] ?? "", UpdateInstituteRequest.parse({ name: v.name, kind: v.kind, domains: listOption(v, "domain", "no-domains") }));
    case "institute:member":
      return setInstituteMember(ctx, args[0] ?? "", userIdFor(ctx, args[1]), SchoolRole.parse(v.role?.[0] ?? "member"));
    case "communities":
      return listCommunities(ctx);
    case "community:create":
      return createCommunity(ctx, CreateCommunityRequest.parse({ name: v.name, kind: v.kind, open: v.open, description: v.description }));
    case "community:member":
      return setCommunityMember(ctx, args[0] ?? "", userIdFor(ctx, args[1]), CommunityRole.parse(v.role?.[0] ?? "member"));
    case "community:remove":
      removeCommunityMember(ctx, args[0] ?? "", userIdFor(ctx, args[1]));
      return { removed: true };
    default:
      return undefined;
  }
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  const [command, ...args] = parsed.positionals;
  if (!command || parsed.values.help) {
    console.log(HELP);
    return;
  }
  const config = loadConfig(process.env);
  const database = openDatabase(config.databasePath);
  const ctx = createServiceContext({
    db: database.db,
    sqlite: database.sqlite,
    links: createLinks(configuredPublicUrl(config)),
    webhookAllowHosts: config.webhookAllowHosts,
    offerKeyDays: config.offerKeyDays,
  });
  try {
    const result = await run(ctx, command, args, parsed.values);
    if (result !== undefined) recordCommand(ctx, command, args, result);
    if (result === undefined) {
      console.error(`Unknown command '${command}'.\n\n${HELP}`);
      process.exitCode = 2;
    } else if (Array.isArray(result)) {
      console.table(result);
    } else {
      console.log(JSON.stringify(result, null, 2));
    }
  } finally {
    database.close();
  }
}

main().catch((error) => {
  if (error instanceof z.ZodError) {
    console.error(error.issues.map((i) => `  ${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
  } else if (error instanceof DomainError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
