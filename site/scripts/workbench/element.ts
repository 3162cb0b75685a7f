/**
 * `<iam-workbench>`: the small part of the workbench that every lesson page
 * loads up front, so it stays small: it reads nothing but the element's
 * attributes, the server-rendered starter text and a saved draft. It waits until the workbench comes near the
 * viewport (or, when a saved draft must replace the server-rendered
 * decisions, until the browser is idle), then loads the editor and the
 * engine (`app.ts`), which read the exercise and mount them.
 */
import { loadDraft } from './storage.ts';

function fail(root: HTMLElement, message: string): void {
  root.dataset.state = 'failed';
  const status = root.querySelector<HTMLElement>('[data-wb-status]');
  if (status) status.textContent = message;
}

/** The custom element; all behaviour lives in `app.ts`, loaded on demand. */
class IamWorkbench extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started || this.dataset.state !== 'static') return;
    this.#started = true;
    this.dataset.state = 'waiting';
    let loading = false;
    const load = (): void => {
      if (loading) return;
      loading = true;
      observer?.disconnect();
      this.dataset.state = 'loading';
      import('./app.ts')
        .then((app) => {
          const problem = app.mount(this);
          if (problem !== null) fail(this, problem);
        })
        .catch(() => fail(this, 'The editor could not load. Check your connection and reload the page.'));
    };
    const observer =
      'IntersectionObserver' in window
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), { rootMargin: '400px 0px' })
        : null;
    if (observer) observer.observe(this);
    else load();
    // A saved draft makes the server-rendered decisions stale: load without waiting for a scroll.
    // The server rendered the starter as the static policy text.
    const { lesson, exercise } = this.dataset;
    const draft = lesson && exercise ? loadDraft(lesson, exercise) : null;
    if (draft !== null && draft !== this.querySelector('[data-wb-static]')?.textContent) {
      this.querySelector('[data-wb-grid]')?.setAttribute('aria-busy', 'true');
      if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 1500 });
      else setTimeout(load, 200);
    }
  }
}

if (!customElements.get('iam-workbench')) customElements.define('iam-workbench', IamWorkbench);
