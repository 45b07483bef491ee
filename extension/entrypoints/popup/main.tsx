import { render } from "preact";
import { textsBeforeFirstPaint } from "../../lib/language/english-later";
import "../../components/ui.css";
import "../../features/clipper/clipper.css";
import { Clipper } from "../../features/clipper/Clipper";
import { extensionHost } from "../../features/clipper/extension-host";

// A failure to read the settings still shows the screen (in Dutch until English arrives).
void textsBeforeFirstPaint()
  .catch(() => undefined)
  .then(() => render(<Clipper host={extensionHost()} />, document.getElementById("app")!));
