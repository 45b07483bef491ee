/** @jsxImportSource hono/jsx */
/**
 * /admin/people/:id/hand-over: what passes to whom when a person leaves, counted and named, with the
 * administrator's choices (which refresh the overview) and a separate confirmation that carries exactly
 * the choices the overview showed.
 */
import { handOverText, type HandOverTextKey } from "../../../shared/i18n/pages/hand-over";
import type { HandOverPreview } from "../../../shared/schemas";
import { AdminPage, CsrfField, Field, Problems, Select, stateFor, withLang, type AdminPageContext, type FormState } from "./shell";

export interface HandOverPageChoices {
  handOverTo: string;
  /** communityId → the member picked as its next owner. */
  owners: Record<string, string>;
}

const SHARED_CIRCLES = ["community", "school", "network", "public"] as const;

/** A community pick's field name on both forms. */
export const ownerField = (communityId: string) => `owner.${communityId}`;

export function HandOverPage({
  page,
  preview,
  brokers,
  choices,
  state,
}: {
  page: AdminPageContext;
  preview: HandOverPreview;
  /** Active brokers who may receive what nobody else works on. */
  brokers: { id: string; name: string }[];
  choices: HandOverPageChoices;
  state: FormState | null;
}) {
  const t = (key: HandOverTextKey, values: Record<string, string> = {}) => handOverText(page.lang, key, values);
  const name = preview.user.name;
  const action = `/admin/people/${preview.user.id}/hand-over`;
  const confirm = stateFor(state, "hand-over");
  const none = <p>{t("handOver.none")}</p>;
  return (
    <AdminPage page={page} title={t("handOver.title", { name })}>
      <p>{t("handOver.intro", { name })}</p>
      {preview.user.disabled ? <p class="hint">{t("handOver.alreadyDisabled")}</p> : null}

      <h2>{t("handOver.saves")}</h2>
      <table id="hand-over-saves">
        <caption class="visually-hidden">{t("handOver.saves")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("handOver.circle")}</th>
            <th scope="col">{t("handOver.count")}</th>
            <th scope="col">{t("handOver.what")}</th>
          </tr>
        </thead>
        <tbody>
          {SHARED_CIRCLES.map((circle) => (
            <tr>
              <th scope="row">{t(`handOver.circle.${circle}`)}</th>
              <td>{String(preview.saves[circle])}</td>
              <td>{t("handOver.saves.handOver")}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("handOver.circle.private")}</th>
            <td>{String(preview.saves.private)}</td>
            <td>{t("handOver.saves.private")}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t("handOver.bundles")}</h2>
      {preview.bundles.length === 0 ? (
        none
      ) : (
        <table id="hand-over-bundles">
          <caption class="visually-hidden">{t("handOver.bundles")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("handOver.bundle")}</th>
              <th scope="col">{t("handOver.to")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.bundles.map((b) => (
              <tr>
                <td>
                  {b.title} ({t(`handOver.status.${b.status}`)})
                </td>
                <td>
                  {b.to.name}
                  {b.removedWhenRemoving ? <p class="hint">{t("handOver.removedWhenRemoving")}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("handOver.communities", { name })}</h2>
      {preview.communities.length === 0 ? (
        none
      ) : (
        <table id="hand-over-communities">
          <caption class="visually-hidden">{t("handOver.communities", { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("handOver.community")}</th>
              <th scope="col">{t("handOver.to")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.communities.map((c) => (
              <tr>
                <td>{c.name}</td>
                <td>{c.to ? c.to.name : c.otherOwners > 0 ? t("handOver.keptByOwners") : t("handOver.noOwner")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("handOver.questions", { name })}</h2>
      {preview.questions.length === 0 ? (
        none
      ) : (
        <table id="hand-over-questions">
          <caption class="visually-hidden">{t("handOver.questions", { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("handOver.question")}</th>
              <th scope="col">{t("handOver.to")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.questions.map((q) => (
              <tr>
                <td>{q.question}</td>
                <td>{q.to ? q.to.name : t("handOver.released")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="choices-heading">{t("handOver.choices")}</h2>
      <p class="hint">{t("handOver.choicesHint")}</p>
      <form method="get" action={action} class="stack" aria-labelledby="choices-heading">
        <input type="hidden" name="lang" value={page.lang} />
        <Select
          form="choices"
          name="handOverTo"
          label={t("handOver.handOverTo")}
          state={null}
          value={choices.handOverTo}
          options={[["", t("handOver.handOverTo.none")], ...brokers.map((b) => [b.id, b.name] as const)]}
        />
        {preview.communities.map((c) => (
          <Select
            form="choices"
            name={ownerField(c.id)}
            label={t("handOver.ownerOf", { community: c.name })}
            state={null}
            value={choices.owners[c.id] ?? ""}
            options={[["", t("handOver.ownerDefault")], ...c.candidates.map((m) => [m.id, m.name] as const)]}
          />
        ))}
        <div>
          <button type="submit" class="secondary">
            {t("handOver.refresh")}
          </button>
        </div>
      </form>

      <h2 id="confirm-heading">{t("handOver.confirm")}</h2>
      <Problems state={confirm} lang={page.lang} />
      <form method="post" action={withLang(action, page.lang)} class="stack" aria-labelledby="confirm-heading">
        <CsrfField token={page.csrf} />
        <input type="hidden" name="handOverTo" value={choices.handOverTo} />
        {Object.entries(choices.owners).map(([communityId, userId]) => (
          <input type="hidden" name={ownerField(communityId)} value={userId} />
        ))}
        <Select
          form="hand-over"
          name="sharedWork"
          label={t("handOver.sharedWork")}
          state={confirm}
          value="handOver"
          options={[
            ["handOver", t("handOver.sharedWork.handOver")],
            ["remove", t("handOver.sharedWork.remove")],
          ]}
        />
        <Select
          form="hand-over"
          name="leaving"
          label={t("handOver.leaving")}
          state={confirm}
          value="disable"
          options={[
            ["disable", t("handOver.leaving.disable")],
            ["delete", t("handOver.leaving.delete")],
          ]}
        />
        <Field form="hand-over" name="confirm" label={t("handOver.confirmName")} state={confirm} required />
        <div>
          <button type="submit">{t("handOver.confirmButton")}</button>
        </div>
      </form>
    </AdminPage>
  );
}
