/**
 * /admin/people/:id/hand-over: an administrator sees what a leaving person's work would pass to, changes
 * the choices, and confirms: the account is disabled or deleted and the work handed over, through the same
 * services (and audit log) as the admin API. Registered after the administration's pages, whose
 * middleware for /admin/* (web session, administrator, CSRF) guards these routes too.
 */
import { Hono } from "hono";
import { handOverText, isHandOverTextKey } from "../../../shared/i18n/pages/hand-over";
import { Id, SharedWork } from "../../../shared/schemas";
import { DomainError } from "../../core/errors";
import type { AppEnv, SignedInEnv } from "../../http/env";
import { HandOverPage, ownerField, type HandOverPageChoices } from "../../pages/admin/hand-over";
import type { FormState } from "../../pages/admin/shell";
import { listUsers } from "../../services/accounts/accounts";
import { getPerson } from "../../services/accounts/people";
import { deleteAccount } from "../../services/privacy/deletion";
import { disableWithHandOver, handOverPreview, type HandOverChoices } from "../../services/privacy/hand-over";
import { langOf, pageContext, pageDoc, pageError, param, readForm, show, text, withStatus, type Ctx, type Form } from "./admin/forms";

const OWNER_PREFIX = ownerField("");

/** The choices as the forms carry them: a broker, and per community a member picked (empty: the default). */
function choicesFrom(entries: Iterable<[string, string]>): HandOverPageChoices {
  const choices: HandOverPageChoices = { handOverTo: "", owners: {} };
  for (const [name, value] of entries) {
    if (!value || !Id.safeParse(value).success) continue;
    if (name === "handOverTo") choices.handOverTo = value;
    else if (name.startsWith(OWNER_PREFIX) && Id.safeParse(name.slice(OWNER_PREFIX.length)).success) choices.owners[name.slice(OWNER_PREFIX.length)] = value;
  }
  return choices;
}

const serviceChoices = (choices: HandOverPageChoices): HandOverChoices => ({
  handOverTo: choices.handOverTo || undefined,
  communityOwners: Object.entries(choices.owners).map(([communityId, userId]) => ({ communityId, userId })),
});

function refusalText(c: Ctx, error: DomainError) {
  const key = `handOver.error.${error.code}`;
  return isHandOverTextKey(key) ? handOverText(langOf(c), key) : error.message;
}

function handOverPage(c: Ctx, choices: HandOverPageChoices, state: FormState | null = null) {
  const id = param(c);
  let preview: ReturnType<typeof handOverPreview>;
  try {
    preview = handOverPreview(c.var.ctx, id, serviceChoices(choices));
  } catch (error) {
    // A pick that no longer fits (the broker's role was taken away, the member left): the proposals, and why.
    if (!(error instanceof DomainError) || error.kind !== "invalid") throw error;
    preview = handOverPreview(c.var.ctx, id, {});
    state = { form: "hand-over", values: state?.values ?? {}, errors: state?.errors ?? {}, summary: refusalText(c, error) };
    choices = { handOverTo: "", owners: {} };
  }
  const brokers = listUsers(c.var.ctx)
    .filter((u) => u.id !== id && !u.disabled && u.roles.includes("broker"))
    .map((u) => ({ id: u.id, name: u.name }));
  return show(c, HandOverPage({ page: pageContext(c), preview, brokers, choices, state }));
}

const formEntries = (form: Form) => Object.keys(form).map((name) => [name, text(form, name)] as [string, string]);

export const handOverPageRoutes = new Hono<AppEnv>();
handOverPageRoutes.onError(pageError);

(handOverPageRoutes as unknown as Hono<SignedInEnv>)
  .get("/admin/people/:id/hand-over", pageDoc("Administration: what a leaving person's work passes to, with the choices and the confirmation (nl/en)"), (c) =>
    handOverPage(c, choicesFrom(Object.entries(c.req.query()))),
  )
  .post("/admin/people/:id/hand-over", async (c) => {
    const id = param(c);
    const person = getPerson(c.var.ctx, id);
    const lang = langOf(c);
    const form = await readForm(c);
    const choices = choicesFrom(formEntries(form));
    const values = { sharedWork: text(form, "sharedWork"), leaving: text(form, "leaving"), confirm: text(form, "confirm") };
    const errors: Record<string, string> = {};
    const sharedWork = SharedWork.safeParse(values.sharedWork);
    if (!sharedWork.success) errors.sharedWork = handOverText(lang, "handOver.field.sharedWork");
    if (values.leaving !== "disable" && values.leaving !== "delete") errors.leaving = handOverText(lang, "handOver.field.leaving");
    // Typing the name is the one safeguard against handing over the wrong person's work from a long list.
    if (values.confirm.trim() !== person.name) errors.confirm = handOverText(lang, "handOver.field.confirm");
    if (!sharedWork.success || Object.keys(errors).length) return withStatus(handOverPage(c, choices, { form: "hand-over", values, errors }), 400);

    const request = { ...serviceChoices(choices), sharedWork: sharedWork.data };
    const actor = { kind: "admin", userId: c.var.viewer.user.id } as const;
    try {
      if (values.leaving === "delete") deleteAccount(c.var.ctx, id, request, actor);
      else disableWithHandOver(c.var.ctx, id, request, actor);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== "invalid" && error.kind !== "conflict")) throw error;
      const state = { form: "hand-over", values, errors: {}, summary: refusalText(c, error) };
      return withStatus(handOverPage(c, choices, state), error.kind === "conflict" ? 409 : 400);
    }
    return values.leaving === "delete" ? c.redirect(`/admin/people?notice=removed&lang=${lang}`, 303) : c.redirect(`/admin/people/${id}?notice=saved&lang=${lang}`, 303);
  });
