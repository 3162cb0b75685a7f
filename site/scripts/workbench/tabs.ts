/**
 * The policies in force as ARIA tabs. The server renders each policy as a
 * titled section (all visible, readable without script); this module turns
 * them into a tab list with one panel shown, operable with the arrow keys,
 * Home and End (automatic activation, roving tabindex).
 */
import { el } from './dom.ts';

/** The tabs of a workbench. */
export interface PolicyTabs {
  /** Shows the panel of policy `id` (`learner` for the editor). */
  select(id: string, focusTab?: boolean): void;
  /** The id of the panel shown. */
  current(): string;
}

/**
 * Builds the tab list in `list` over the `[data-wb-panel]` sections in
 * `root`. With a single panel there is nothing to choose: no tabs are made.
 */
export function createTabs(root: HTMLElement, list: HTMLElement, uid: string): PolicyTabs {
  const panels = [...root.querySelectorAll<HTMLElement>('[data-wb-panel]')];
  let currentId = panels[0]?.dataset.wbPanel ?? 'learner';
  if (panels.length < 2) return { select: () => undefined, current: () => currentId };

  const tabs = panels.map((panel, i) => {
    const id = panel.dataset.wbPanel ?? String(i);
    const title = panel.querySelector<HTMLElement>('.wb-panel-title');
    const tab = el('button', {
      type: 'button',
      role: 'tab',
      id: `${uid}-tab-${i}`,
      'aria-controls': panel.id,
      'aria-selected': 'false',
      tabindex: '-1',
      'data-tab': id,
    }, title?.textContent?.trim() ?? id);
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    // A read-only panel holds no control: let it take focus, as APG asks.
    if (id !== 'learner') panel.tabIndex = 0;
    title?.classList.add('visually-hidden');
    return tab;
  });
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', 'Policies in force');
  list.replaceChildren(...tabs);
  list.hidden = false;

  function select(id: string, focusTab = false): void {
    const index = tabs.findIndex((t) => t.dataset.tab === id);
    if (index < 0) return;
    currentId = id;
    tabs.forEach((tab, i) => {
      const on = i === index;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      const panel = panels[i];
      if (panel) panel.hidden = !on;
    });
    if (focusTab) tabs[index]?.focus();
  }

  list.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLElement>('[role="tab"]');
    if (tab?.dataset.tab) select(tab.dataset.tab);
  });
  list.addEventListener('keydown', (event) => {
    const at = tabs.findIndex((t) => t === document.activeElement);
    if (at < 0) return;
    const next =
      event.key === 'ArrowRight' ? (at + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (at - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    const id = tabs[next]?.dataset.tab;
    if (id) select(id, true);
  });
  select(currentId);
  return { select, current: () => currentId };
}
