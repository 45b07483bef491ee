/**
 * Reading a school account from a provider's claims, by family. What comes out is what Knooppunt uses:
 * the subject that, with the issuer, is the identity; a name; an e-mail address and whether the provider
 * vouches for it; and the organisation the claims name (a BRIN code, a domain, a tenant).
 */
import type { ProviderFamily } from "./providers";
import { SignInProblem } from "./problems";

export type OrganisationClaim =
  | { kind: "brin"; value: string; name: string | null }
  | { kind: "institute-domain"; value: string }
  | { kind: "entra-tenant"; value: string }
  | { kind: "google-domain"; value: string };

export interface SchoolAccount {
  subject: string;
  name: string | null;
  /** As the provider said it, shown to the person with the identity. */
  email: string | null;
  /** Only when the provider vouches for the address; the only address that may go on a new person. */
  verifiedEmail: string | null;
  organisation: OrganisationClaim | null;
}

export type Claims = Record<string, unknown>;

/** Federation attributes arrive as a string or as a list of strings (SAML's multi-valued attributes). */
const values = (claim: unknown): string[] =>
  (Array.isArray(claim) ? claim : [claim]).filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter(Boolean);
const first = (claim: unknown): string | null => values(claim)[0] ?? null;

const joinName = (...parts: (string | null)[]) => parts.filter(Boolean).join(" ").trim() || null;

const emailOf = (claim: unknown) => {
  const email = first(claim)?.toLowerCase() ?? null;
  return email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
};

function required(subject: string | null): string {
  if (!subject) throw new SignInProblem("claims_incomplete", "the provider's answer names no subject");
  return subject;
}

/**
 * Reads the claims (ID token and userinfo together) by the provider's family. Entree's pupils are refused
 * here, before anything about them is stored: Knooppunt is for staff, and pupils' data must not enter.
 */
export function readSchoolAccount(family: ProviderFamily, claims: Claims): SchoolAccount {
  switch (family) {
    case "entree": {
      const affiliations = values(claims.eduPersonAffiliation ?? claims.eduperson_affiliation).map((a) => a.toLowerCase());
      // Someone who is also staff (a teacher who follows a course) is staff; a student affiliation alone is a pupil.
      if (affiliations.includes("student") && !affiliations.some((a) => a === "employee" || a === "staff" || a === "faculty")) {
        throw new SignInProblem("pupil");
      }
      const brin = first(claims.nlEduPersonHomeOrganizationId);
      return {
        subject: required(first(claims.sub) ?? first(claims.uid)),
        name: joinName(first(claims.givenName), first(claims.sn)) ?? joinName(first(claims.given_name), first(claims.family_name)) ?? first(claims.name),
        email: null,
        verifiedEmail: null,
        organisation: brin ? { kind: "brin", value: brin.toUpperCase(), name: first(claims.nlEduPersonHomeOrganization) } : null,
      };
    }
    case "surfconext": {
      const email = emailOf(claims.email);
      const domain = first(claims.schac_home_organization)?.toLowerCase() ?? null;
      return {
        subject: required(first(claims.sub)),
        name: first(claims.name) ?? joinName(first(claims.given_name), first(claims.family_name)),
        email,
        // SURFconext passes the address the institution's own identity provider released for this person.
        verifiedEmail: email,
        organisation: domain ? { kind: "institute-domain", value: domain } : null,
      };
    }
    case "entra": {
      const tenant = first(claims.tid)?.toLowerCase() ?? null;
      const email = emailOf(claims.email) ?? emailOf(claims.preferred_username);
      return {
        // `oid` is the person's id in their tenant, the same for every application; Entra's `sub` is
        // pairwise per application registration, so a new registration would orphan every identity.
        subject: required(first(claims.oid)),
        name: first(claims.name),
        email,
        // Entra lets tenant administrators set `email` to anything, unverified: it is shown, never trusted.
        verifiedEmail: null,
        organisation: tenant ? { kind: "entra-tenant", value: tenant } : null,
      };
    }
    case "google": {
      const email = emailOf(claims.email);
      // Without `hd` the account is a personal Gmail address: it names no school.
      const domain = first(claims.hd)?.toLowerCase() ?? null;
      return {
        subject: required(first(claims.sub)),
        name: first(claims.name) ?? joinName(first(claims.given_name), first(claims.family_name)),
        email,
        verifiedEmail: claims.email_verified === true ? email : null,
        organisation: domain ? { kind: "google-domain", value: domain } : null,
      };
    }
  }
}

/** What is recorded on the identity as the organisation the claims named at the last sign-in. */
export const organisationLabel = (organisation: OrganisationClaim | null) => organisation?.value ?? null;
