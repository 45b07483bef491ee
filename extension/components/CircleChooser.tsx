import { visibilityKey } from "../../shared/i18n";
import { VISIBILITIES, type Visibility } from "../../shared/vocabulary";
import type { Translate } from "./ui-context";

/** The schools and communities a person belongs to: they decide which circles make sense. */
export interface Memberships {
  schools: { id: string; name: string }[];
  communities: { id: string; name: string }[];
}

/** Every circle, smallest first, without school or community for someone who has none. */
export const circlesFor = (memberships: Memberships | null): Visibility[] =>
  VISIBILITIES.filter((v) =>
    v === "school" ? (memberships?.schools.length ?? 0) > 0 : v === "community" ? (memberships?.communities.length ?? 0) > 0 : true,
  );

/** Which community or school the community or school circle means, asked beside the circle. */
interface Place {
  communityId: string | null;
  onCommunity(id: string): void;
  schoolId?: string | null;
  onSchool?(id: string): void;
  /** The field ids: each page has its own (one popup form, one editor per card). */
  ids: { community: string; school?: string };
  /** Ask only when the person has more than one to choose from; otherwise also for one. */
  onlyWhenChoice: boolean;
}

interface Props {
  id: string;
  label: string;
  t: Translate;
  memberships: Memberships | null;
  value: Visibility;
  onChange(value: Visibility): void;
  /** What the circles mean, unless the page has something more pressing to say. */
  hint?: string;
  place?: Place;
  /** Circles this choice does not offer (a question is never public). */
  omit?: readonly Visibility[];
}

/**
 * Who sees a save ("Wie ziet dit?"): the one circle chooser of the clipper, the settings' default and the
 * library's editor, so every place offers the same circles with the same words.
 */
export function CircleChooser({ id, label, t, memberships, value, onChange, hint, place, omit = [] }: Props) {
  const asks = (count: number) => (place?.onlyWhenChoice ? count > 1 : true);
  return (
    <>
      <div class="field">
        <label for={id}>{label}</label>
        <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value as Visibility)}>
          {circlesFor(memberships).filter((v) => !omit.includes(v)).map((v) => (
            <option key={v} value={v}>
              {t(visibilityKey(v))}
            </option>
          ))}
        </select>
        <p class="hint">{hint ?? t("visibility.hint")}</p>
      </div>
      {place && memberships && value === "community" && asks(memberships.communities.length) && (
        <div class="field">
          <label for={place.ids.community}>{t("popup.community")}</label>
          <select id={place.ids.community} value={place.communityId ?? ""} onChange={(e) => place.onCommunity((e.target as HTMLSelectElement).value)}>
            {memberships.communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {place?.ids.school && place.onSchool && memberships && value === "school" && asks(memberships.schools.length) && (
        <div class="field">
          <label for={place.ids.school}>{t("library.school")}</label>
          <select id={place.ids.school} value={place.schoolId ?? ""} onChange={(e) => place.onSchool?.((e.target as HTMLSelectElement).value)}>
            {memberships.schools.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}
