/**
 * The theme toggle: `<theme-toggle>` wraps one `<button aria-pressed>` that
 * reads "Dark theme" and is pressed while the dark theme shows.
 *
 * The page follows the system (`prefers-color-scheme`) until the learner
 * presses the button; the choice is then kept in localStorage under
 * `THEME_KEY` and applied before first paint by the inline bootstrap script
 * in `site/layouts/Base.astro` (which must read the same key and values).
 * Anything else found under the key is ignored.
 */

/** localStorage key of the learner's theme choice: `"light"` or `"dark"`. */
export const THEME_KEY = 'iamlab:theme';

/** A theme the page can pin. */
export type Theme = 'light' | 'dark';

/** Whether a stored value is a theme (storage is untrusted). */
export function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}

const darkQuery = (): MediaQueryList => matchMedia('(prefers-color-scheme: dark)');

/** The theme showing now: the stored choice, else the system's. */
export function currentTheme(): Theme {
  const pinned = document.documentElement.dataset.theme;
  if (isTheme(pinned)) return pinned;
  return darkQuery().matches ? 'dark' : 'light';
}

/** Pins a theme on the page and remembers it (silently, if storage is unavailable). */
export function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage may be full or disabled: the choice then lasts for this page only.
  }
}

class ThemeToggle extends HTMLElement {
  #button: HTMLButtonElement | null = null;
  #onSystemChange = (): void => this.#sync();

  connectedCallback(): void {
    this.#button = this.querySelector('button');
    if (!this.#button) return;
    this.#button.addEventListener('click', () => {
      setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
      this.#sync();
    });
    darkQuery().addEventListener('change', this.#onSystemChange);
    this.#button.disabled = false;
    this.#sync();
  }

  disconnectedCallback(): void {
    darkQuery().removeEventListener('change', this.#onSystemChange);
  }

  #sync(): void {
    this.#button?.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
  }
}

if (!customElements.get('theme-toggle')) customElements.define('theme-toggle', ThemeToggle);
