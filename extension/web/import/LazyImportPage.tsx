/**
 * /app/import: the import screens in the web app's frame. The screens arrive as their own script when
 * this page opens, so the library and the clip form (the first screens most people open) stay as small.
 */
import type { ComponentChildren } from "preact";
import { translate, type UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { later } from "../../components/lazy/later";
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

type ScreenProps = Omit<Props, "nav" | "notice">;

const ImportMain = later<ScreenProps>(
  () =>
    import("../../features/imports/ImportScreen").then(({ ImportScreen }) => (props: ScreenProps) => (
      <main class="panel-body" aria-busy={false}>
        {/* The web app keeps no default circle of its own (the extension's is in its settings): private. */}
        <ImportScreen {...props} defaultVisibility="private" libraryHref="/app" />
      </main>
    )),
  {
    Waiting: ({ language }) => (
      <main class="panel-body" aria-busy={true}>
        <p class="hint">{translate(language, "import.loading")}</p>
      </main>
    ),
    Failed: ({ language, retry }) => (
      <main class="panel-body" aria-busy={false}>
        <p class="notice error" role="alert">
          {translate(language, "web.unreachable.body")}{" "}
          <button type="button" class="link-button" onClick={retry}>
            {translate(language, "common.retry")}
          </button>
        </p>
      </main>
    ),
  },
);

export function LazyImportPage({ nav, notice, ...screen }: Props) {
  return (
    <WebFrame nav={nav}>
      {notice}
      <ImportMain {...screen} />
    </WebFrame>
  );
}
