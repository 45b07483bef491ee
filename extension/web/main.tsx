import { render } from "preact";
import "../components/ui.css";
import "../features/workspace/workspace.css";
import "./web.css";
import { WebApp } from "./WebApp";

render(<WebApp />, document.getElementById("app")!);
