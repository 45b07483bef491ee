import { render } from "preact";
import { textsBeforeFirstPaint } from "../../lib/language/english-later";
import "../../components/ui.css";
import { Options } from "../../features/options/Options";

// A failure to read the settings still shows the screen (in Dutch until English arrives).
void textsBeforeFirstPaint()
  .catch(() => undefined)
  .then(() => render(<Options />, document.getElementById("app")!));
