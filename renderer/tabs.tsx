// A tab list (WAI-ARIA tabs pattern): one tab stop, on the selected tab. Click
// or Enter selects; the arrow keys, Home and End move along the tabs and select.
// The panels are the caller's: each one hidden unless its tab is selected.

export interface Tab<Id extends string = string> {
  id: Id;
  label: string;
  /** The id of the panel this tab shows. */
  controls: string;
}

export interface TabsProps<Id extends string = string> {
  tabs: readonly Tab<Id>[];
  selected: Id;
  onSelect(tabId: Id): void;
  /** The tab list's element: the header's is a <nav>. */
  as?: 'nav' | 'div';
  id?: string;
  className: string;
  label: string;
}

const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowRight: (at) => at + 1,
  ArrowLeft: (at) => at - 1,
  Home: () => 0,
  End: (_at, last) => last,
};

export function Tabs<Id extends string>({ tabs, selected, onSelect, as: Tag = 'div', id, className, label }: TabsProps<Id>) {
  const onKeyDown = (event: KeyboardEvent): void => {
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const at = buttons.findIndex((b) => b === document.activeElement);
    const move = MOVES[event.key];
    if (at === -1 || move === undefined) return;
    event.preventDefault();
    const to = (move(at, buttons.length - 1) + buttons.length) % buttons.length;
    buttons[to]?.focus();
    const tab = tabs[to];
    if (tab) onSelect(tab.id);
  };

  return (
    <Tag id={id} class={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tab.id}
          aria-controls={tab.controls}
          aria-selected={tab.id === selected}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </Tag>
  );
}
