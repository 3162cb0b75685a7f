// @ts-check
import { defineConfig } from 'astro/config';

/**
 * IAM Lab's Astro configuration.
 *
 * - The app lives in `site/` (srcDir); static files in `public/`.
 * - Output is fully static: nothing runs on a server.
 * - Every route ends with a slash (`/lessons/root-user/`).
 * - A strict Content Security Policy is emitted as a `<meta>` element on every
 *   page. Astro hashes the scripts and styles it bundles or inlines; the one
 *   hand-written inline script (the theme bootstrap in `site/layouts/Base.astro`)
 *   registers its own hash through `Astro.csp`. Scripts: hashes only, never
 *   `'unsafe-inline'`.
 * - Styles: hashes only, like scripts: `style` attributes and unhashed
 *   `<style>` elements are blocked (scripts that position things use the
 *   CSSOM, which CSP allows). CodeMirror mounts in a shadow root, where its
 *   style-mod themes use constructable style sheets, which CSP does not
 *   govern, so the editor needs no inline-style exception.
 *   `frame-ancestors` is left out on purpose: browsers ignore it in a `<meta>`
 *   element and say so in the console.
 */
export default defineConfig({
  // Placeholder until the site has a home; used for canonical and Open Graph URLs.
  site: 'https://iam-lab.example.org',
  srcDir: './site',
  publicDir: './public',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // Shiki writes inline `style` attributes, which the CSP forbids; Prism
    // emits classes that site/styles/global.css colours.
    syntaxHighlight: 'prism',
  },
  devToolbar: { enabled: false },
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        // data: for the small SVG images editors draw in CSS (lint underlines).
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
      ],
    },
  },
});
