import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

export type TabId = "library" | "inbox" | "subscriptions" | "bundles" | "questions";

/** ARIA tabs: arrow keys move between tabs, Tab goes into the panel. */
export function Tabs({ tabs, selected, onSelect }: { tabs: { id: TabId; label: string }[]; selected: TabId; onSelect(id: TabId): void }) {
  if (tabs.length < 2) return null;
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next = event.key === "ArrowRight" ? (index === last ? 0 : index + 1) : event.key === "ArrowLeft" ? (index === 0 ? last : index - 1) : event.key === "Home" ? 0 : event.key === "End" ? last : -1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(tabs[next]!.id);
    document.getElementById(`tab-${tabs[next]!.id}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist">
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          aria-selected={tab.id === selected}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(e) => move(e, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** Panels stay mounted once opened, so a search or a half-written bundle survives switching tabs. */
export function TabPanel({ id, label, selected, tabbed, children }: { id: TabId; label: string; selected: TabId; tabbed: boolean; children: ComponentChildren }) {
  const [visited, setVisited] = useState(id === selected);
  useEffect(() => {
    if (id === selected) setVisited(true);
  }, [id, selected]);
  if (!visited && id !== selected) return null;
  return (
    <section
      class="panel-body"
      id={`panel-${id}`}
      role={tabbed ? "tabpanel" : undefined}
      aria-labelledby={tabbed ? `tab-${id}` : undefined}
      aria-label={tabbed ? undefined : label}
      hidden={id !== selected}
    >
      {children}
    </section>
  );
}
