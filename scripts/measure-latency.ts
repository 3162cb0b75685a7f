/**
 * Measures the workbench's keystroke latency in Chromium against the
 * production build: the time from a key press to the redrawn grid (and
 * diagnostics), read from the performance measures that the client records
 * (site/scripts/workbench/app.ts):
 *   - `keystroke`: from the key event's time stamp (the browser's input queue included);
 *   - `input`:     from the page's script seeing the key (CodeMirror's work included);
 *   - `update`:    the evaluation pass and the redraw alone.
 *
 *   npm run build && npx node scripts/measure-latency.ts [--rows 12] [--keys 200] [--dist dist | --url http://127.0.0.1:4321]
 *
 * It takes the edit exercise with the most scenarios in lessons/, and when
 * it has fewer than `--rows` it clones rows (in the served HTML and in the
 * exercise data) until the grid has that many. Two workloads are typed, one
 * key every 30 ms:
 *   - `sid`:  letters inside a statement's Sid; the policy stays valid, so every
 *             key runs the whole pass (parse, validate, compile, evaluate every row);
 *   - `flip`: `x` then Backspace at the end of an Action, so every key also
 *             changes decisions in the grid (the most DOM work).
 * Prints p50, p95 and max per workload and measure. Without `--url` it
 * serves dist/ itself. Target: p95 under 16 ms for 12 rows.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '12' },
    keys: { type: 'string', default: '200' },
    url: { type: 'string' },
    port: { type: 'string', default: '0' },
    dist: { type: 'string', default: 'dist' },
  },
});
const ROWS = Number(args.rows);
const KEYS = Number(args.keys);

interface Exercise {
  type: string;
  id: string;
  title: string;
  solution?: unknown;
  scenarios: { id: string; label: string }[];
}

/** The edit exercise with the most scenarios, and its lesson's slug. */
function pickExercise(): { slug: string; exercise: Exercise } {
  let best: { slug: string; exercise: Exercise } | null = null;
  for (const dir of readdirSync(new URL('../lessons/', import.meta.url), { withFileTypes: true })) {
    const file = new URL(`../lessons/${dir.name}/exercises.json`, import.meta.url);
    if (!dir.isDirectory() || !existsSync(file)) continue;
    const { exercises } = JSON.parse(readFileSync(file, 'utf8')) as { exercises: Exercise[] };
    for (const exercise of exercises) {
      if (exercise.type !== 'edit' || exercise.solution === undefined) continue;
      if (!best || exercise.scenarios.length > best.exercise.scenarios.length) {
        best = { slug: dir.name.replace(/^\d+-/, ''), exercise };
      }
    }
  }
  if (!best) throw new Error('no edit exercise with a solution under lessons/');
  return best;
}

/** Escapes JSON for a <script> element, as the component does. */
const forScript = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Rewrites the lesson HTML so the exercise's grid has `rows` rows (cloning existing ones). */
function withRows(html: string, uid: string, rows: number): string {
  const start = html.indexOf(`id="${uid}"`);
  if (start < 0) throw new Error(`workbench ${uid} not found in the page`);
  const jsonOpen = html.indexOf('data-wb-data>', start) + 'data-wb-data>'.length;
  const jsonClose = html.indexOf('</script>', jsonOpen);
  const data = JSON.parse(html.slice(jsonOpen, jsonClose)) as { exercise: { scenarios: { id: string; label: string }[] } };
  const bodyOpen = html.indexOf('<tbody>', jsonClose) + '<tbody>'.length;
  const bodyClose = html.indexOf('</tbody>', bodyOpen);
  const originals = html.slice(bodyOpen, bodyClose).match(/<tr data-scenario="[^"]*"[\s\S]*?<\/tr>/g) ?? [];
  const scenarios = data.exercise.scenarios;
  const base = scenarios.length;
  let body = html.slice(bodyOpen, bodyClose);
  for (let i = base; i < rows; i++) {
    const k = i % base;
    const s = scenarios[k];
    const tr = originals[k];
    if (!s || !tr) break;
    const id = `${s.id}-copy-${i}`;
    scenarios.push({ ...s, id, label: `${s.label} (copy ${i})` });
    body += tr.replace(`data-scenario="${s.id}"`, `data-scenario="${id}"`);
  }
  return html.slice(0, jsonOpen) + forScript(data) + html.slice(jsonClose, bodyOpen) + body + html.slice(bodyClose);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/**
 * Serves dist/ on an ephemeral port with a few lines of node:http (Astro 7
 * allows one `astro preview` per project, which the browser tests may hold).
 */
async function startServer(): Promise<{ url: string; server: Server | null }> {
  if (args.url) return { url: args.url.replace(/\/$/, ''), server: null };
  const dist = resolve(root, args.dist ?? 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no build: run \`npm run build\` first (or pass --url).`);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = resolve(dist, `.${path}`);
    if (file.startsWith(dist) && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(Number(args.port), '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : Number(args.port);
  return { url: `http://127.0.0.1:${port}`, server };
}

/** Replaces the editor text and puts the caret `fromEnd` characters before the end. */
async function setText(page: Page, editor: ReturnType<Page['locator']>, text: string, fromEnd: number): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('ControlOrMeta+End');
  for (let i = 0; i < fromEnd; i++) await page.keyboard.press('ArrowLeft');
}

async function main(): Promise<void> {
  const { slug, exercise } = pickExercise();
  const uid = `wb-${slug}-${exercise.id}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const { url, server } = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const lessonUrl = `${url}/lessons/${slug}/`;
    await page.route(lessonUrl, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: withRows(await response.text(), uid, ROWS) });
    });
    await page.goto(lessonUrl);
    const wb = page.locator(`#${uid}`);
    await wb.scrollIntoViewIfNeeded();
    await page.waitForSelector(`#${uid}[data-state="ready"]`, { timeout: 20_000 });
    const rows = await wb.locator('tr[data-scenario]').count();
    const editor = wb.getByRole('textbox');

    // A policy with the Sid and the Action to type in as its last statement's last members.
    const solution = (typeof exercise.solution === 'string' ? JSON.parse(exercise.solution) : exercise.solution) as {
      Statement: Record<string, unknown>[] | Record<string, unknown>;
    };
    const statements = Array.isArray(solution.Statement) ? solution.Statement : [solution.Statement];
    const last = { ...statements[statements.length - 1] };
    const action = Array.isArray(last.Action) ? String(last.Action[0]) : String(last.Action ?? last.NotAction ?? 's3:GetObject');
    delete last.Sid;
    const key = last.Action !== undefined ? 'Action' : 'NotAction';
    delete last[key];
    const sidText = JSON.stringify({ ...solution, Statement: [...statements.slice(0, -1), { ...last, [key]: action, Sid: 'Measure' }] }, null, 2);
    const flipText = JSON.stringify({ ...solution, Statement: [...statements.slice(0, -1), { ...last, [key]: action }] }, null, 2);
    // Offsets from the end: after `Measure`, and after the action's text.
    const afterSid = sidText.length - (sidText.lastIndexOf('Measure') + 'Measure'.length);
    const afterAction = flipText.length - (flipText.lastIndexOf(action) + action.length);

    const results: string[] = [];
    for (const workload of ['sid', 'flip'] as const) {
      await setText(page, editor, workload === 'sid' ? sidText : flipText, workload === 'sid' ? afterSid : afterAction);
      await page.evaluate(() => performance.clearMeasures());
      for (let i = 0; i < KEYS; i++) {
        if (workload === 'sid') await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
        else await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
        await page.waitForTimeout(30);
      }
      const measures = await page.evaluate(() => ({
        keystroke: performance.getEntriesByName('iamlab:keystroke').map((e) => e.duration),
        input: performance.getEntriesByName('iamlab:input').map((e) => e.duration),
        update: performance.getEntriesByName('iamlab:update').map((e) => e.duration),
      }));
      for (const [name, values] of Object.entries(measures)) {
        const sorted = [...values].sort((a, b) => a - b);
        results.push(
          `${workload.padEnd(5)} ${name.padEnd(10)} n=${String(sorted.length).padStart(4)}  p50=${percentile(sorted, 50).toFixed(2)} ms  p95=${percentile(sorted, 95).toFixed(2)} ms  max=${(sorted[sorted.length - 1] ?? NaN).toFixed(2)} ms`,
        );
      }
    }
    console.log(`exercise ${slug}/${exercise.id}: ${rows} rows (${exercise.scenarios.length} in the lesson), ${KEYS} keys per workload`);
    for (const line of results) console.log(line);
  } finally {
    await browser.close();
    server?.close();
  }
}

main().catch((error: unknown) => {
  console.error(`measure-latency: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
