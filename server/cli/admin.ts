/**
 * `npm run admin -- <command>`: the administration API's operations for operators on the server's
 * machine, against the same database file (DATABASE_PATH) and through the same services and schemas.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  CommunityRole,
  CreateCommunityRequest,
  CreateInstituteRequest,
  CreateSchoolRequest,
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
  createCommunity,
  createInstitute,
  createSchool,
  listCommunities,
  listInstitutes,
  listSchools,
  removeCommunityMember,
  removeSchoolMember,
  setCommunityMember,
  setInstituteMember,
  setSchoolMember,
} from "../services/accounts/organisations";
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
  const member = isMembership && args[1] ? findUserByEmail(ctx, args[1])?.id : undefined;
  recordAdminAction(ctx, OPERATOR, { action: audited.action, subjectKind: audited.subjectKind, subjectId, details: member ? { userId: member } : {} });
}

const HELP = `Knooppunt beheer / administration

  npm run admin -- users
  npm run admin -- user:create --name "Naam" --email a@school.nl --password "…" [--role broker] [--role admin]
  npm run admin -- user:update a@school.nl [--name …] [--email …] [--password …] [--role broker …|--no-roles] [--disable|--enable]
  npm run admin -- user:delete a@school.nl [--shared-work handOver|remove] [--hand-over-to broker@school.nl]
  npm run admin -- audit-log [--limit 50]
  npm run admin -- schools
  npm run admin -- school:create --name "De Regenboog" --sector po [--region Eindhoven] [--bestuur "Stichting …"]
  npm run admin -- school:member <schoolId> a@school.nl [--role member|coordinator]
  npm run admin -- school:remove <schoolId> a@school.nl
  npm run admin -- institutes
  npm run admin -- institute:create --name "Pabo Eindhoven" --kind pabo|lerarenopleiding|universiteit
  npm run admin -- institute:member <instituteId> a@school.nl [--role member|coordinator]
  npm run admin -- communities
  npm run admin -- community:create --name "PLG Meertaligheid" --kind leergemeenschap [--open] [--description …]
  npm run admin -- community:member <communityId> a@school.nl [--role member|owner]
  npm run admin -- community:remove <communityId> a@school.nl

The database is DATABASE_PATH (default data/knooppunt.db).`;

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
  help: { type: "boolean", short: "h" },
} as const;

function userIdFor(ctx: ServiceContext, email: string | undefined) {
  if (!email) throw invalid("missing_argument", "Give the person's e-mail address.");
  const user = findUserByEmail(ctx, email);
  if (!user) throw new DomainError("not_found", "not_found", `No account with e-mail address ${email}.`);
  return user.id;
}

async function run(ctx: ServiceContext, command: string | undefined, args: string[], values: Record<string, unknown>) {
  const v = values as { role?: string[] } & Record<string, string | string[] | boolean | undefined>;
  switch (command) {
    case "users":
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
      return listSchools(ctx);
    case "school:create":
      return createSchool(ctx, CreateSchoolRequest.parse({ name: v.name, sector: v.sector, region: v.region, bestuur: v.bestuur }));
    case "school:member":
      return setSchoolMember(ctx, args[0] ?? "", userIdFor(ctx, args[1]), SchoolRole.parse(v.role?.[0] ?? "member"));
    case "school:remove":
      removeSchoolMember(ctx, args[0] ?? "", userIdFor(ctx, args[1]));
      return { removed: true };
    case "institutes":
      return listInstitutes(ctx);
    case "institute:create":
      return createInstitute(ctx, CreateInstituteRequest.parse({ name: v.name, kind: v.kind }));
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
