// @vitest-environment happy-dom
// The one tabs component (WAI-ARIA tabs): one tab stop, click selects, the
// arrow keys, Home and End move the focus and select, wrapping at the ends.
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { useLocalStore } from '../../renderer/store';
import { Tabs } from '../../renderer/tabs';
import './page';

const TABS = ['One', 'Two', 'Three'].map((label) => ({ id: `tab-${label}`, label, controls: `panel-${label}` }));

function TabbedPanels() {
  const [selected, select] = useLocalStore(() => 'tab-One');
  return (
    <div>
      <Tabs tabs={TABS} selected={selected} onSelect={select.set} className="exp-tabs" label="Things" />
      {TABS.map((tab) => (
        <section key={tab.id} id={tab.controls} role="tabpanel" aria-labelledby={tab.id} hidden={tab.id !== selected}>
          {tab.label} panel
        </section>
      ))}
    </div>
  );
}

const tab = (name: string) => screen.getByRole('tab', { name });
const selected = () =>
  screen
    .getAllByRole('tab')
    .filter((t) => t.getAttribute('aria-selected') === 'true')
    .map((t) => t.textContent);
const visiblePanel = () => screen.getByRole('tabpanel').textContent;

describe('the tabs', () => {
  it('is a labelled tab list with one tab stop, on the selected tab', () => {
    render(<TabbedPanels />);
    expect(screen.getByRole('tablist', { name: 'Things' }).className).toBe('exp-tabs');
    expect(selected()).toEqual(['One']);
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    expect(tab('Two').getAttribute('aria-controls')).toBe('panel-Two');
    expect(visiblePanel()).toBe('One panel');
  });

  it('a click selects a tab and shows its panel only', () => {
    render(<TabbedPanels />);
    fireEvent.click(tab('Three'));
    expect(selected()).toEqual(['Three']);
    expect(visiblePanel()).toBe('Three panel');
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([-1, -1, 0]);
  });

  it('the arrow keys move the focus and select, wrapping; Home and End go to the ends', () => {
    render(<TabbedPanels />);
    tab('One').focus();
    fireEvent.keyDown(tab('One'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tab('Two'));
    expect(selected()).toEqual(['Two']);
    fireEvent.keyDown(tab('Two'), { key: 'End' });
    expect(document.activeElement).toBe(tab('Three'));
    fireEvent.keyDown(tab('Three'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tab('One'));
    fireEvent.keyDown(tab('One'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('Three'));
    fireEvent.keyDown(tab('Three'), { key: 'Home' });
    expect(document.activeElement).toBe(tab('One'));
    expect(selected()).toEqual(['One']);
    expect(visiblePanel()).toBe('One panel');
  });

  it('other keys are left alone', () => {
    render(<TabbedPanels />);
    tab('One').focus();
    const event = fireEvent.keyDown(tab('One'), { key: 'ArrowDown' });
    expect(event).toBe(true);
    expect(selected()).toEqual(['One']);
  });
});
