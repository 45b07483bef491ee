import type { ComponentChildren } from "preact";

/**
 * The frame of the web app's own pages (clip, help): the name and the web app's links on top, the page
 * below. The name is not the page's heading: the clipper and the help page bring their own h1.
 */
export function WebFrame({ nav, children, class: className }: { nav: ComponentChildren; children: ComponentChildren; class?: string }) {
  return (
    <div class={`panel web-page ${className ?? ""}`}>
      <header class="panel-header web-top">
        <div class="row spread">
          <a class="web-brand" href="/app">
            Knooppunt
          </a>
          <div class="row header-actions">{nav}</div>
        </div>
      </header>
      {children}
    </div>
  );
}
