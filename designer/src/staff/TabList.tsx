// Tabs as assistive technology and the keyboard expect them (WAI-ARIA tabs pattern): one tab
// stop for the row, arrow keys (and Home, End) move and select, the panel names its tab.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export const tabId = (panelId: string, tab: string) => `${panelId}-tab-${tab}`;

export function TabList<T extends string>(p: { label: string; tabs: readonly T[]; selected: T; onSelect: (tab: T) => void; panelId: string; render: (tab: T) => ReactNode; testId?: (tab: T) => string }) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const at = p.tabs.indexOf(p.selected);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: p.tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const tab = p.tabs[(to + p.tabs.length) % p.tabs.length]!;
    p.onSelect(tab);
    refs.current.get(tab)?.focus();
  };
  return (
    <div className="st-tabs" role="tablist" aria-label={p.label} onKeyDown={onKeyDown}>
      {p.tabs.map((tab) => (
        <button
          key={tab}
          ref={(el) => void (el ? refs.current.set(tab, el) : refs.current.delete(tab))}
          id={tabId(p.panelId, tab)}
          type="button"
          role="tab"
          aria-selected={tab === p.selected}
          aria-controls={p.panelId}
          tabIndex={tab === p.selected ? 0 : -1}
          className={tab === p.selected ? 'st-tab active' : 'st-tab'}
          onClick={() => p.onSelect(tab)}
          data-testid={p.testId?.(tab)}
        >
          {p.render(tab)}
        </button>
      ))}
    </div>
  );
}
