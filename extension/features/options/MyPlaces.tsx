import type { Translate } from "../../lib/api-error";
import type { Session } from "../../lib/storage";

type PlaceRole = "member" | "coordinator" | "owner";
// The brands people know their school account by; an operator's own provider id otherwise.
const FAMILY_NAMES: Record<string, string> = { entree: "Entree", surfconext: "SURFconext", entra: "Microsoft", google: "Google" };
const roleKey = (role: PlaceRole) => `places.role.${role}` as const;

/**
 * Every place the person is put — by an administrator or by their school account at sign-in — so a teacher
 * who signed in with Entree sees at once that Knooppunt knows their school.
 */
export function MyPlaces({ session, t }: { session: Session; t: Translate }) {
  const places = [
    ...session.schools.map((s) => ({ key: `s:${s.id}`, kind: t("places.school"), name: s.name, role: s.role as PlaceRole })),
    ...(session.institutes ?? []).map((i) => ({ key: `i:${i.id}`, kind: t("places.institute"), name: i.name, role: i.role as PlaceRole })),
    ...session.communities.map((c) => ({ key: `c:${c.id}`, kind: t("places.community"), name: c.name, role: c.role as PlaceRole })),
  ];
  const identities = session.identities ?? [];
  return (
    <section aria-labelledby="my-places" data-testid="my-places">
      <h2 id="my-places">{t("places.title")}</h2>
      <p class="hint">{t("places.intro")}</p>
      {session.schools.length === 0 && (session.institutes ?? []).length === 0 && <p data-testid="no-places">{t("places.none")}</p>}
      {places.length > 0 && (
        <ul>
          {places.map((p) => (
            <li key={p.key}>
              {p.kind}: <strong>{p.name}</strong> ({t(roleKey(p.role))})
            </li>
          ))}
        </ul>
      )}
      {identities.length > 0 && (
        <>
          <h3>{t("places.accounts")}</h3>
          <ul data-testid="my-identities">
            {identities.map((i) => (
              <li key={i.id}>{i.organisation ? t("places.accountAt", { provider: FAMILY_NAMES[i.family ?? ""] ?? i.provider, organisation: i.organisation }) : (FAMILY_NAMES[i.family ?? ""] ?? i.provider)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
