import { render } from "preact";
import { textsBeforeFirstPaint } from "../../lib/language/english-later";
import "../../components/ui.css";
import "../../features/workspace/workspace.css";
import { SidePanel } from "../../features/sidepanel/SidePanel";

// A failure to read the settings still shows the screen (in Dutch until English arrives).
void textsBeforeFirstPaint()
  .catch(() => undefined)
  .then(() => render(<SidePanel />, document.getElementById("app")!));
