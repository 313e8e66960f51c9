// A tab list (WAI-ARIA pattern): buttons with role="tab" and aria-controls show one panel at a time.
// Click or Enter selects; the arrow keys, Home and End move along the tabs and select.

export interface Tabs {
  select(tabId: string): void;
  readonly selected: string;
}

export function setupTabs(tablist: HTMLElement, onSelect: (tabId: string) => void = () => {}): Tabs {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const panel = (tab: HTMLButtonElement) => document.getElementById(tab.getAttribute('aria-controls') ?? '');
  let selected = tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.id ?? tabs[0]?.id ?? '';

  const select = (tabId: string): void => {
    for (const tab of tabs) {
      const on = tab.id === tabId;
      tab.setAttribute('aria-selected', String(on));
      // One tab stop for the whole list: the selected tab.
      tab.tabIndex = on ? 0 : -1;
      const target = panel(tab);
      if (target) target.hidden = !on;
    }
    selected = tabId;
    onSelect(tabId);
  };

  for (const tab of tabs) tab.addEventListener('click', () => select(tab.id));
  tablist.addEventListener('keydown', (event) => {
    const at = tabs.findIndex((t) => t === document.activeElement);
    if (at === -1) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    next.focus();
    select(next.id);
  });
  select(selected);

  return {
    select,
    get selected() {
      return selected;
    },
  };
}
