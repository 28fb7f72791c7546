// The designer in real Chromium: how long the shipped ladder and a generated 150-step
// definition take to open (fetched, laid out with ELK, drawn and in view), and the frame
// times while a step is dragged across the 150-step canvas.
//
// The browser loads the real production build. The API answers from a tiny local server
// with fixed bodies (the signed-in policy owner, the template library, the definition), so
// the figures are the web app's own and do not vary with a database or Temporal.
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { DefinitionSchema, type DefinitionInput } from '../definition/schema.ts';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import { shippedTemplates } from '../definition/shipped/templates.ts';
import { ensureWebBuild } from '../runtime/web-build.ts';
import { chromiumArgs } from '../test/support/browser.ts';
import { generatedDefinition } from './generated-definition.ts';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutGraph, positionsFrom } from '../definition/layout-input.ts';

export type BenchRow = { name: string; value: number; unit: string };

const OPEN_RUNS = Number(process.env.BENCH_DESIGNER_OPEN_RUNS ?? 5);
const DRAG_MOVES = Number(process.env.BENCH_DESIGNER_DRAG_MOVES ?? 150);
const LARGE = 150;

const dist = fileURLToPath(new URL('../designer/dist', import.meta.url));
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve(definitions: DefinitionInput[]): Promise<Server> {
  const user = { id: '00000000-0000-4000-8000-000000000001', username: 'eva', displayName: 'Eva de Boer', phone: null, roles: ['policy-owner'], active: true };
  const byId = new Map(definitions.map((d) => [d.id, DefinitionSchema.parse(d)]));
  const templates = shippedTemplates.map((t) => ({ ...t, updatedBy: 'system', updatedAt: new Date(0).toISOString() }));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname.startsWith('/api/')) {
      const path = url.pathname.slice(4);
      if (path === '/auth/me') return json(200, { user });
      if (path === '/templates') return json(200, { templates });
      const m = /^\/definitions\/([^/]+)(\/draft|\/versions)?$/.exec(path);
      const def = m ? byId.get(decodeURIComponent(m[1]!)) : undefined;
      if (m && def && m[2] === '/draft') return json(404, { error: { code: 'not-found', message: 'no draft' } });
      if (m && def && m[2] === '/versions') return json(200, { versions: [] });
      if (m && def) return json(200, { id: def.id, version: 1, name: def.name, body: def, changeNote: null, publishedBy: 'system', publishedAt: new Date(0).toISOString() });
      return json(404, { error: { code: 'not-found', message: `no ${path}` } });
    }
    const file = join(dist, url.pathname);
    const found = url.pathname !== '/' && existsSync(file) && file.startsWith(dist) ? file : join(dist, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(found)] ?? 'application/octet-stream' }).end(readFileSync(found));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Navigation to "laid out, drawn and in view", in ms. */
async function timeToOpen(page: Page, url: string, steps: number): Promise<Opening> {
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto(url);
  await page.locator('[data-testid="canvas"][data-ready="true"]').waitFor({ timeout: 60_000 });
  const elapsed = Date.now() - started;
  const drawn = await page.locator('.react-flow__node').count();
  if (drawn !== steps) throw new Error(`expected ${steps} steps on the canvas, found ${drawn}`);
  const marks = (await page.evaluate(
    `Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('designer:')).map((m) => [m.name.slice(9), m.startTime]))`,
  )) as Record<string, number>;
  return { total: elapsed, fetched: marks.fetched ?? NaN, layout: (marks['laid-out'] ?? NaN) - (marks.fetched ?? NaN), draw: (marks.ready ?? NaN) - (marks['laid-out'] ?? NaN) };
}

type Opening = { total: number; fetched: number; layout: number; draw: number };
const phase = (runs: Opening[], key: keyof Opening) => Math.round(median(runs.map((r) => r[key])));

/** Drags a step across the canvas and returns the time between animation frames meanwhile. */
async function dragFrameTimes(page: Page, stepId: string): Promise<number[]> {
  const box = (await page.locator(`.react-flow__node[data-id="${stepId}"] .step-node-name`).boundingBox())!;
  // Passed as source text: the bundler's helpers (tsx keeps names) do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  let x = box.x + box.width / 2;
  let y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < DRAG_MOVES; i++) {
    x += i < DRAG_MOVES / 2 ? 4 : -4;
    y += Math.sin(i / 6) * 3;
    await page.mouse.move(x, y);
    // One pointer move per display frame, as a hand would give.
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const frames = (await page.evaluate(`(() => { window.__recording = false; return window.__frames; })()`)) as number[];
  return frames.slice(1).map((t, i) => t - frames[i]!);
}

export async function runDesignerBench(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<BenchRow[]> {
  await ensureWebBuild(log);
  const load = Math.round(loadavg()[0]! * 10) / 10;
  const large = generatedDefinition(LARGE);
  // The ladder as it is once a policy owner saved it: every step with its drawn position, no layout on opening.
  const parsed = DefinitionSchema.parse(standardLadder);
  const positions = positionsFrom(await new ELK().layout(layoutGraph(parsed.steps) as never));
  const drawn = { ...parsed, id: 'standard-ladder-drawn', steps: parsed.steps.map((s) => ({ ...s, position: positions[s.id]! })) };
  const server = await serve([standardLadder, large, drawn]);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const ladderSteps = standardLadder.steps.length;
    log(`Designer bench: opening the standard ladder (${ladderSteps} steps) ${OPEN_RUNS}×…`);
    const ladder: Opening[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) ladder.push(await timeToOpen(page, `${base}/designer/definitions/${standardLadder.id}`, ladderSteps));
    log(`Designer bench: opening the standard ladder with saved positions ${OPEN_RUNS}×…`);
    const saved: Opening[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) saved.push(await timeToOpen(page, `${base}/designer/definitions/${drawn.id}`, ladderSteps));
    log(`Designer bench: opening a generated ${LARGE}-step definition ${OPEN_RUNS}×…`);
    const big: Opening[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) big.push(await timeToOpen(page, `${base}/designer/definitions/${large.id}`, LARGE));
    log(`Designer bench: dragging a step on the ${LARGE}-step canvas (${DRAG_MOVES} pointer moves)…`);
    await page.getByRole('button', { name: 'Alles in beeld' }).click();
    await page.waitForTimeout(400);
    const frames = await dragFrameTimes(page, 'stap-3');
    // On a shared machine the median moves with other load; the best run is the web app's own cost.
    const best = (runs: Opening[]) => runs.reduce((a, b) => (b.total < a.total ? b : a));
    const opening = (label: string, runs: Opening[], split: boolean): BenchRow[] => {
      const b = best(runs);
      return [
        { name: `designer: ${label}, best of ${runs.length}`, value: b.total, unit: 'ms' },
        { name: `designer: ${label}, median of ${runs.length}`, value: phase(runs, 'total'), unit: 'ms' },
        ...(split
          ? [
              { name: 'designer:   best run: page load, sign-in check and fetching', value: Math.round(b.fetched), unit: 'ms' },
              { name: 'designer:   best run: ELK layout', value: Math.round(b.layout), unit: 'ms' },
              { name: 'designer:   best run: drawing until in view', value: Math.round(b.draw), unit: 'ms' },
            ]
          : []),
      ];
    };
    return [
      ...opening(`open standard ladder (${ladderSteps} steps, laid out on opening)`, ladder, true),
      { name: 'designer: open standard ladder, first (cold) load', value: ladder[0]!.total, unit: 'ms' },
      ...opening('open standard ladder with saved positions (no layout)', saved, false),
      ...opening(`open generated ${LARGE}-step definition (laid out on opening)`, big, true),
      { name: `designer: drag on ${LARGE} steps, median frame time`, value: Math.round(median(frames) * 10) / 10, unit: 'ms' },
      { name: `designer: drag on ${LARGE} steps, p95 frame time`, value: Math.round(percentile(frames, 0.95) * 10) / 10, unit: 'ms' },
      { name: `designer: drag on ${LARGE} steps, worst frame time`, value: Math.round(Math.max(...frames) * 10) / 10, unit: 'ms' },
      { name: `designer: drag on ${LARGE} steps, frames measured`, value: frames.length, unit: 'frames' },
      { name: `designer: machine load average when the bench started (${cpus().length} cores)`, value: load, unit: '' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

// `npm run bench:designer`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await runDesignerBench();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit}`);
}
