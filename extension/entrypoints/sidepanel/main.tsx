import { render } from "preact";
import "../../components/ui.css";
import "../../features/workspace/workspace.css";
import { SidePanel } from "../../features/sidepanel/SidePanel";

render(<SidePanel />, document.getElementById("app")!);
