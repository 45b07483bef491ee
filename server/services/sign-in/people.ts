/**
 * From a verified school account to a person: a known identity signs in its person; an unknown one makes a
 * new person (no administrator needed) and places them in the organisation the claims name. An identity is
 * (issuer, subject), never an e-mail address: an address never links a school account to an existing account.
 */
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { insertUser, userByEmail, userById, type UserRow } from "../../db/repositories/accounts";
import { deleteIdentityOf, identitiesOf, identityByIssuerSubject, insertIdentity, touchIdentity, type IdentityRow } from "../../db/repositories/sign-in/identities";
import { institutesOf, putInstituteMember, putSchoolMember, schoolsOf } from "../../db/repositories/memberships";
import {
  besturenByAccountList,
  institutesByDomain,
  schoolsByAccountList,
  schoolsByBrin,
  schoolsOfBestuur,
  type NamedOrganisation,
} from "../../db/repositories/sign-in/placement";
import { transaction } from "../../db/statements";
import { organisationLabel, type OrganisationClaim, type SchoolAccount } from "./claims";
import { SignInProblem } from "./problems";
import type { ProviderFamily, SignInProviderSettings } from "./providers";

/** What a new person is called when the provider releases no name (Entree often releases none). */
export const UNNAMED = "Collega";

export interface Placement {
  schools: NamedOrganisation[];
  institutes: NamedOrganisation[];
  /** A bestuur with several schools named the person's account: they choose their school after signing in. */
  chooseIn: NamedOrganisation[];
}

/** Where the claims put a person. Nothing found is an empty placement. */
export function placementFor(ctx: ServiceContext, organisation: OrganisationClaim | null): Placement {
  const placement: Placement = { schools: [], institutes: [], chooseIn: [] };
  if (!organisation) return placement;
  switch (organisation.kind) {
    case "brin":
      placement.schools = schoolsByBrin(ctx, organisation.value);
      break;
    case "institute-domain":
      placement.institutes = institutesByDomain(ctx, organisation.value);
      break;
    case "entra-tenant":
    case "google-domain": {
      const list = organisation.kind === "entra-tenant" ? "entra_tenants" : "google_domains";
      placement.schools = schoolsByAccountList(ctx, list, organisation.value);
      if (placement.schools.length) break;
      // Registered for a whole bestuur: a bestuur of one school is that school; of several, the person chooses.
      for (const bestuur of besturenByAccountList(ctx, list, organisation.value)) {
        const schools = schoolsOfBestuur(ctx, bestuur.id);
        if (schools.length === 1) placement.schools.push(schools[0]!);
        else if (schools.length > 1) placement.chooseIn.push(bestuur);
      }
      break;
    }
  }
  return placement;
}

const placed = (p: Placement) => p.schools.length + p.institutes.length + p.chooseIn.length > 0;

/**
 * Adds the memberships the placement names that the person lacks, always as `member` (coordinators are
 * made by an administrator). Nothing is taken away: a teacher who moved keeps the old school until an
 * administrator removes it.
 */
function addMissingPlacements(ctx: ServiceContext, userId: string, placement: Placement, at: string) {
  const schools = new Set(schoolsOf(ctx, userId).map((s) => s.id));
  for (const school of placement.schools) if (!schools.has(school.id)) putSchoolMember(ctx, school.id, userId, "member", at);
  const institutes = new Set(institutesOf(ctx, userId).map((i) => i.id));
  for (const institute of placement.institutes) if (!institutes.has(institute.id)) putInstituteMember(ctx, institute.id, userId, "member", at);
}

export interface VerifiedSignIn {
  provider: SignInProviderSettings;
  issuer: string;
  account: SchoolAccount;
}

export interface SignInOutcome {
  userId: string;
  created: boolean;
  /** Besturen whose schools the person must still choose from (empty: nothing to choose). */
  chooseIn: NamedOrganisation[];
}

/**
 * Signs in (purpose `sign-in`) or links the school account to `linkTo` (purpose `link`). One transaction:
 * a refusal leaves no person, identity or membership behind.
 */
export function completeSignIn(ctx: ServiceContext, verified: VerifiedSignIn, linkTo: string | null): SignInOutcome {
  const { provider, issuer, account } = verified;
  return transaction(ctx, () => {
    const at = isoNow(ctx);
    const seen = { email: account.email, organisation: organisationLabel(account.organisation) };
    const existing = identityByIssuerSubject(ctx, issuer, account.subject);
    const placement = placementFor(ctx, account.organisation);

    if (linkTo !== null) {
      const person = userById(ctx, linkTo);
      if (!person) throw new SignInProblem("not_signed_in");
      if (person.disabled) throw new SignInProblem("account_disabled");
      if (existing && existing.userId !== linkTo) throw new SignInProblem("identity_taken");
      if (existing) touchIdentity(ctx, existing.id, at, seen);
      else insertIdentity(ctx, identityRow(provider, issuer, account, linkTo, at));
      addMissingPlacements(ctx, linkTo, placement, at);
      return { userId: linkTo, created: false, chooseIn: stillToChoose(ctx, linkTo, placement) };
    }

    if (existing) {
      const person = userById(ctx, existing.userId);
      if (!person || person.disabled) throw new SignInProblem("account_disabled");
      touchIdentity(ctx, existing.id, at, seen);
      addMissingPlacements(ctx, person.id, placement, at);
      return { userId: person.id, created: false, chooseIn: stillToChoose(ctx, person.id, placement) };
    }

    if (!placed(placement) && provider.unmatched === "refuse") throw new SignInProblem("unmatched", seen.organisation ?? "no organisation claim");
    const person: UserRow = {
      id: newId(),
      name: account.name?.slice(0, 200) || UNNAMED,
      // Only an address the provider vouches for, and only when no other account has it: the address is
      // shown and used for mail, never to find or join an existing account.
      email: account.verifiedEmail && !userByEmail(ctx, account.verifiedEmail) ? account.verifiedEmail : null,
      passwordHash: null,
      displayName: null,
      roles: [],
      disabled: false,
      createdAt: at,
      updatedAt: at,
    };
    insertUser(ctx, person);
    insertIdentity(ctx, identityRow(provider, issuer, account, person.id, at));
    addMissingPlacements(ctx, person.id, placement, at);
    return { userId: person.id, created: true, chooseIn: stillToChoose(ctx, person.id, placement) };
  });
}

const identityRow = (provider: SignInProviderSettings, issuer: string, account: SchoolAccount, userId: string, at: string): IdentityRow => ({
  id: newId(),
  userId,
  provider: provider.id,
  issuer,
  subject: account.subject,
  email: account.email,
  organisation: organisationLabel(account.organisation),
  createdAt: at,
  lastUsedAt: at,
});

/** The besturen of the placement in none of whose schools the person is yet. */
function stillToChoose(ctx: ServiceContext, userId: string, placement: Placement): NamedOrganisation[] {
  if (!placement.chooseIn.length) return [];
  const mine = new Set(schoolsOf(ctx, userId).map((s) => s.id));
  return placement.chooseIn.filter((bestuur) => !schoolsOfBestuur(ctx, bestuur.id).some((s) => mine.has(s.id)));
}

export interface SchoolChoice {
  bestuur: NamedOrganisation;
  schools: NamedOrganisation[];
}

/**
 * The schools a person may join themselves: those of a bestuur that registered the Entra tenant or Google
 * domain of one of their identities, as the provider named it at the last sign-in.
 */
export function schoolChoices(ctx: ServiceContext, userId: string, providers: readonly SignInProviderSettings[]): SchoolChoice[] {
  const familyOf = new Map(providers.map((p) => [p.id, p.family] as [string, ProviderFamily]));
  const besturen = new Map<string, NamedOrganisation>();
  for (const identity of identitiesOf(ctx, userId)) {
    const family = familyOf.get(identity.provider);
    if (!identity.organisation || (family !== "entra" && family !== "google")) continue;
    for (const bestuur of besturenByAccountList(ctx, family === "entra" ? "entra_tenants" : "google_domains", identity.organisation)) besturen.set(bestuur.id, bestuur);
  }
  return [...besturen.values()].map((bestuur) => ({ bestuur, schools: schoolsOfBestuur(ctx, bestuur.id) })).filter((c) => c.schools.length > 0);
}

/** Joins one of the schools `schoolChoices` offers, as member; anything else is not there for this person. */
export function chooseSchool(ctx: ServiceContext, userId: string, providers: readonly SignInProviderSettings[], schoolId: string) {
  const offered = schoolChoices(ctx, userId, providers).some((c) => c.schools.some((s) => s.id === schoolId));
  if (!offered) throw notFound("school");
  transaction(ctx, () => {
    if (!schoolsOf(ctx, userId).some((s) => s.id === schoolId)) putSchoolMember(ctx, schoolId, userId, "member", isoNow(ctx));
  });
}

/** The person's school accounts as /me shows them. */
export function identityViews(ctx: ServiceContext, userId: string, providers: readonly SignInProviderSettings[]) {
  const familyOf = new Map(providers.map((p) => [p.id, p.family] as [string, ProviderFamily]));
  return identitiesOf(ctx, userId).map((i) => ({
    id: i.id,
    provider: i.provider,
    family: familyOf.get(i.provider) ?? null,
    email: i.email,
    organisation: i.organisation,
    createdAt: i.createdAt,
    lastUsedAt: i.lastUsedAt,
  }));
}

/** Removes one of the person's school accounts, unless it is their only way in (no password, no other identity). */
export function removeIdentity(ctx: ServiceContext, userId: string, identityId: string) {
  transaction(ctx, () => {
    const mine = identitiesOf(ctx, userId);
    if (!mine.some((i) => i.id === identityId)) throw notFound("identity");
    const person = userById(ctx, userId);
    if (!person?.passwordHash && mine.length === 1) {
      throw conflict("last_sign_in_method", "This school account is your only way to sign in; link another one or get a password first.");
    }
    deleteIdentityOf(ctx, userId, identityId);
  });
}
