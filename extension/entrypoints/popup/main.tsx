import { render } from "preact";
import "../../components/ui.css";
import "../../features/clipper/clipper.css";
import { Clipper } from "../../features/clipper/Clipper";

render(<Clipper />, document.getElementById("app")!);
