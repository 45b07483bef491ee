import type { Audience } from "../../../shared/schemas";
import { useSession } from "../context";

/** Who may read the published bundle: the network, or everyone (its page is public). */
export function AudienceChoice({ name, value, onChange }: { name: string; value: Audience; onChange(value: Audience): void }) {
  const { t } = useSession();
  return (
    <fieldset>
      <legend>{t("bundle.field.audience")}</legend>
      {(["network", "public"] as const).map((option) => (
        <label class="check" key={option}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          <span>
            {t(option === "network" ? "bundle.audience.network" : "bundle.audience.public")}
            <span class="hint block">{t(option === "network" ? "bundle.audience.networkHint" : "bundle.audience.publicHint")}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
