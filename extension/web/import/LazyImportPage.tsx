/**
 * /app/import: the import screens in the web app's frame. The screens arrive as their own script when
 * this page opens, so the library and the clip form (the first screens most people open) stay as small.
 */
import type { ComponentChildren, FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { translate, type UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import type { ImportScreenProps } from "../../features/imports/ImportScreen";
import type { KnooppuntApi } from "../../lib/api";
import type { Session } from "../../lib/storage";
import { WebFrame } from "../clip/WebFrame";

interface Props {
  session: Session;
  api: KnooppuntApi;
  language: UiLanguage;
  themes: Theme[];
  nav: ComponentChildren;
  notice: ComponentChildren;
}

export function LazyImportPage({ session, api, language, themes, nav, notice }: Props) {
  const [Screen, setScreen] = useState<FunctionComponent<ImportScreenProps> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import("../../features/imports/ImportScreen").then(
      (module) => setScreen(() => module.ImportScreen),
      () => setFailed(true),
    );
  }, []);
  return (
    <WebFrame nav={nav}>
      {notice}
      <main class="panel-body" aria-busy={Screen === null}>
        {Screen ? (
          // The web app keeps no default circle of its own (the extension's is in its settings): private.
          <Screen api={api} session={session} language={language} themes={themes} defaultVisibility="private" libraryHref="/app" />
        ) : failed ? (
          <p class="notice error" role="alert">
            {translate(language, "web.unreachable.body")}
          </p>
        ) : (
          <p class="hint">{translate(language, "import.loading")}</p>
        )}
      </main>
    </WebFrame>
  );
}
