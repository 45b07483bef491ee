/**
 * For a file from Knooppunt's own export the links keep the circle they had, not the one chosen for the
 * import: the review says so, per circle, before anything is saved, and how many links fall back.
 */
import { visibilityKey } from "../../../shared/i18n";
import type { ImportJob } from "../../../shared/schemas";
import type { ImportTranslate } from "./import-text";

type FromFile = NonNullable<ImportJob["review"]["fromFile"]>;

export function ImportFromFile({ fromFile, t }: { fromFile: FromFile; t: ImportTranslate }) {
  return (
    <section aria-labelledby="import-from-file-heading" data-testid="import-from-file">
      <h3 id="import-from-file-heading">{t("import.fromFile.heading")}</h3>
      <p>{t("import.fromFile.intro", { count: fromFile.links })}</p>
      {fromFile.circles.length > 0 && (
        <ul class="import-tally" data-testid="import-from-file-circles">
          {fromFile.circles.map((circle) => {
            // A community is named by itself; a school circle by its school; the wider circles need no place.
            const place = circle.visibility === "community" ? circle.communityName : circle.visibility === "school" ? circle.schoolName : null;
            const name = place ? `${t(visibilityKey(circle.visibility))} (${place})` : t(visibilityKey(circle.visibility));
            return (
              <li key={`${circle.visibility}:${circle.schoolName ?? ""}:${circle.communityName ?? ""}`}>
                {t("import.fromFile.circle", { circle: name, count: circle.links })}
              </li>
            );
          })}
        </ul>
      )}
      <p class={fromFile.unknownCircles > 0 ? "notice warn" : "hint"} data-testid="import-from-file-fallback">
        {fromFile.unknownCircles > 0 ? t("import.fromFile.fallback", { count: fromFile.unknownCircles }) : t("import.fromFile.noFallback")}
      </p>
      {fromFile.unknownThemes.length > 0 && (
        <p class="hint" data-testid="import-from-file-themes">
          {t("import.fromFile.unknownThemes", { themes: fromFile.unknownThemes.join(", ") })}
        </p>
      )}
    </section>
  );
}
