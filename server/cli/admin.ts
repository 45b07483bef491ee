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

const HELP = `Knooppunt beheer / administration

  npm run admin -- users
  npm run admin -- user:create --name "Naam" --email a@school.nl --password "…" [--role broker] [--role admin]
  npm run admin -- user:update a@school.nl [--name …] [--email …] [--password …] [--role broker …|--no-roles] [--disable|--enable]
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
