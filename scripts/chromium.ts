/**
 * The browser every browser-driven script uses: Debian's Chromium
 * (Playwright cannot download its own on this network; TOOLCHAIN.md), and
 * the flags that keep it quiet and offline. Set CHROMIUM_PATH to use another.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
