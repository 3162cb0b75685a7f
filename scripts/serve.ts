/**
 * `npm start` (after `astro build`): serves the built site in dist/ with
 * `astro preview` and prints its address plainly.
 *
 * Environment: HOST (default 127.0.0.1; 0.0.0.0 to reach it from other
 * machines) and PORT (default 4321).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '4321';

if (!existsSync(new URL('../dist/index.html', import.meta.url))) {
  console.error('serve: dist/ has no site yet; run `npm start` (which builds first) or `npm run build`.');
  process.exit(1);
}

const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'preview', '--host', host, '--port', port], {
  cwd: root,
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});

let announced = false;
let pending = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
  process.stdout.write(chunk);
  if (announced) return;
  pending += chunk;
  // Astro prints the address it actually bound (it may differ when the port is taken).
  // eslint-disable-next-line no-control-regex
  const match = pending.replace(/\u001b\[[0-9;]*m/g, '').match(/https?:\/\/[^\s]+/);
  if (match) {
    announced = true;
    const url = match[0].endsWith('/') ? match[0] : `${match[0]}/`;
    console.log(`\n  IAM Lab is running at ${url}\n  Open it in a browser; press Ctrl+C to stop.\n`);
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
