import { render } from "preact";
import "../../components/ui.css";
import { Options } from "../../features/options/Options";

render(<Options />, document.getElementById("app")!);
