import { render } from "preact";
import "../../components/ui.css";
import "./sidepanel.css";
import { SidePanel } from "./SidePanel";

render(<SidePanel />, document.getElementById("app")!);
