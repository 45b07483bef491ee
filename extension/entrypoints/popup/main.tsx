import { render } from "preact";
import "../../components/ui.css";
import "../../features/clipper/clipper.css";
import { Clipper } from "../../features/clipper/Clipper";
import { extensionHost } from "../../features/clipper/extension-host";

render(<Clipper host={extensionHost()} />, document.getElementById("app")!);
