/** @jsxImportSource hono/jsx */
import type { Language } from "../../shared/vocabulary";
import { signInText, type SignInTextKey } from "../../shared/i18n/pages/sign-in";
import type { SignInProblemKind } from "../services/sign-in/problems";
import type { SchoolChoice } from "../services/sign-in/people";
import { Layout } from "./layout";

function Header({ lang }: { lang: Language }) {
  const other: Language = lang === "nl" ? "en" : "nl";
  return (
    <nav aria-label={signInText(lang, "signIn.nav")}>
      <a class="brand" href={`/?lang=${lang}`}>
        Knooppunt
      </a>
      {" · "}
      <a href={`?lang=${other}`} hreflang={other} lang={other}>
        {other === "en" ? "English" : "Nederlands"}
      </a>
    </nav>
  );
}

/** One page per sign-in problem: what happened, that nothing was created, and what to do next. */
export function renderSignInProblemPage(kind: SignInProblemKind, lang: Language, options: { providerLabel: string | null; retryUrl: string | null }) {
  const vars = { provider: options.providerLabel ?? "Knooppunt" };
  const title = signInText(lang, `signIn.${kind}.title` as SignInTextKey, vars);
  return (
    <Layout meta={{ lang, title: `${title} · Knooppunt` }} header={<Header lang={lang} />}>
      <h1>{title}</h1>
      <p data-problem={kind}>{signInText(lang, `signIn.${kind}.body` as SignInTextKey, vars)}</p>
      <p>
        {options.retryUrl ? (
          <>
            <a href={options.retryUrl}>{signInText(lang, "signIn.tryAgain")}</a>
            {" · "}
          </>
        ) : null}
        <a href={`/?lang=${lang}`}>{signInText(lang, "signIn.home")}</a>
      </p>
    </Layout>
  );
}

/** "Kies je school": the schools of the bestuur that registered the person's account; one form per bestuur. */
export function renderChooseSchoolPage(choices: SchoolChoice[], lang: Language, options: { csrfToken: string; returnTo: string }) {
  const title = signInText(lang, "signIn.choose.title");
  return (
    <Layout meta={{ lang, title: `${title} · Knooppunt` }} header={<Header lang={lang} />}>
      <h1>{title}</h1>
      {choices.length === 0 ? <p>{signInText(lang, "signIn.choose.none")}</p> : null}
      {choices.map((choice) => (
        <form method="post" action={`/auth/choose-school?lang=${lang}`}>
          <p>{signInText(lang, "signIn.choose.intro", { bestuur: choice.bestuur.name })}</p>
          <input type="hidden" name="_csrf" value={options.csrfToken} />
          <input type="hidden" name="returnTo" value={options.returnTo} />
          <fieldset>
            <legend>{signInText(lang, "signIn.choose.legend", { bestuur: choice.bestuur.name })}</legend>
            {choice.schools.map((school, i) => (
              <div>
                <input type="radio" name="schoolId" id={`school-${school.id}`} value={school.id} required checked={i === 0} />{" "}
                <label for={`school-${school.id}`}>{school.name}</label>
              </div>
            ))}
          </fieldset>
          <p>
            <button type="submit">{signInText(lang, "signIn.choose.submit")}</button>
          </p>
        </form>
      ))}
      <p>
        <a href={options.returnTo}>{signInText(lang, "signIn.choose.later")}</a>
      </p>
    </Layout>
  );
}
