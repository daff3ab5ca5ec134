/**
 * The site as a reader receives it: JavaScript shipped per page (gzip, the page's module scripts
 * and every chunk they import statically) and Lighthouse scores for every lesson in real
 * Chromium. Targets: performance at least 0.98; accessibility, best practices and SEO 1.0; the
 * heaviest page under 60 KB of gzipped JavaScript.
 *
 * The site is built into a temporary folder pointed at an emulator on a free port, as a reader
 * has it after `npm start`, and served gzipped by a small static server, as a static host would.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-chromium.ts';
import { freePort } from '../e2e/free-port.ts';
import { kilobytes, type BenchmarkResult, type Figure } from './support/report.ts';

const JS_BUDGET_BYTES = 60 * 1024;
const CATEGORY_TARGETS = { performance: 0.98, accessibility: 1, 'best-practices': 1, seo: 1 } as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export async function runSite(options: { lighthouse: boolean }): Promise<BenchmarkResult> {
  const wsPort = await freePort();
  const emulator = spawn(process.execPath, ['--experimental-strip-types', 'scripts/emulator.ts', '--port', String(wsPort)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const outDir = mkdtempSync(join(tmpdir(), 'apigw-site-bench-'));
  let server: Server | undefined;
  try {
    await waitForLine(emulator.stdout!, /ws:\/\//);
    const build = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
      env: { ...process.env, PUBLIC_WS_ENDPOINT: `ws://127.0.0.1:${wsPort}/local` },
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`astro build failed:\n${build.stderr}`);

    const pages = htmlPages(outDir);
    const weights = pages.map((page) => ({ page, bytes: javaScriptWeight(outDir, page) }));
    weights.sort((a, b) => b.bytes - a.bytes);
    const heaviest = weights[0]!;
    const figures: Figure[] = [
      {
        name: 'heaviest page, gzipped JavaScript',
        value: `${kilobytes(heaviest.bytes)} (${heaviest.page})`,
        target: `< ${kilobytes(JS_BUDGET_BYTES)}`,
        met: heaviest.bytes < JS_BUDGET_BYTES,
      },
      ...weights.map(({ page, bytes }) => ({ name: `JavaScript, ${page}`, value: kilobytes(bytes) })),
    ];
    const notes = [
      `Built with \`astro build\` into a temporary folder; ${pages.length} pages. JavaScript counts each page's module scripts and the chunks they import statically, gzipped one file at a time; the notebook's Web Worker loads only when a cell runs and is counted apart.`,
    ];
    const worker = workerWeight(outDir);
    if (worker) figures.push({ name: 'notebook worker (loaded on first Run), gzipped', value: kilobytes(worker) });

    if (options.lighthouse) {
      server = await serveGzipped(outDir);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const scores = await lighthouseScores(pages.filter((page) => page !== '/' && page !== '/en/').map((page) => `http://127.0.0.1:${port}${page}`));
      for (const category of Object.keys(CATEGORY_TARGETS) as (keyof typeof CATEGORY_TARGETS)[]) {
        const worst = scores.reduce((low, entry) => (entry.scores[category] < low.scores[category] ? entry : low));
        figures.push({
          name: `Lighthouse ${category}, lowest lesson`,
          value: `${worst.scores[category].toFixed(2)} (${new URL(worst.url).pathname})`,
          target: `≥ ${CATEGORY_TARGETS[category].toFixed(2)}`,
          met: worst.scores[category] >= CATEGORY_TARGETS[category],
          note: worst.failing[category]?.length ? `failing audits: ${worst.failing[category]!.join(', ')}` : undefined,
        });
      }
      notes.push(
        `Lighthouse's default mobile settings (simulated throttling) for each of the ${scores.length} lessons, in the same Chromium the browser tests use, with the emulator running as it does after \`npm start\`.`,
      );
    } else {
      notes.push('Lighthouse was not run (--no-lighthouse).');
    }
    return { title: 'Site', method: 'Every page of the built site: JavaScript shipped, and Lighthouse per lesson.', figures, notes };
  } finally {
    server?.close();
    emulator.kill();
    rmSync(outDir, { recursive: true, force: true });
  }
}

function waitForLine(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${seen}`)), 60_000);
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Every page's URL path: `index.html` files, `/en/deploy/` style. */
function htmlPages(root: string): string[] {
  const pages: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html') pages.push(`/${relative(root, folder)}${relative(root, folder) ? '/' : ''}`);
    }
  };
  walk(root);
  return pages.sort();
}

/** Gzipped bytes of the page's module scripts (external and inline) and their static imports, each file once. */
function javaScriptWeight(root: string, page: string): number {
  const html = readFileSync(join(root, page, 'index.html'), 'utf8');
  const seen = new Set<string>();
  let bytes = 0;
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    bytes += gzipSync(code).length;
    for (const match of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) visit(join(dirname(file), match[1]!));
  };
  for (const match of html.matchAll(/<script[^>]*\bsrc="(\/[^"]+\.js)"/g)) visit(join(root, match[1]!));
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    bytes += gzipSync(match[1]!).length;
    for (const inner of match[1]!.matchAll(/(?:import|from)\s*["'](\/[^"']+\.js)["']/g)) visit(join(root, inner[1]!));
  }
  return bytes;
}

function workerWeight(root: string): number | undefined {
  const assets = join(root, '_astro');
  const worker = existsSync(assets) ? readdirSync(assets).find((name) => name.startsWith('notebook-worker') && name.endsWith('.js')) : undefined;
  return worker ? gzipSync(readFileSync(join(assets, worker))).length : undefined;
}

/** Serves a folder as a static host would: index.html for folders, gzip when asked for. */
function serveGzipped(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = join(root, path);
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    const body = readFileSync(file);
    const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=31536000' };
    if (/\bgzip\b/.test(String(req.headers['accept-encoding']))) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip' }).end(gzipSync(body));
    } else {
      res.writeHead(200, headers).end(body);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface PageScores {
  url: string;
  scores: Record<keyof typeof CATEGORY_TARGETS, number>;
  failing: Partial<Record<keyof typeof CATEGORY_TARGETS, string[]>>;
}

async function lighthouseScores(urls: string[]): Promise<PageScores[]> {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const { chromium } = await import('@playwright/test');
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium().executablePath ?? chromium.executablePath(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const results: PageScores[] = [];
    for (const url of urls) {
      const run = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: Object.keys(CATEGORY_TARGETS) });
      if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
      const scores = {} as PageScores['scores'];
      const failing: PageScores['failing'] = {};
      for (const category of Object.keys(CATEGORY_TARGETS) as (keyof typeof CATEGORY_TARGETS)[]) {
        const entry = run.lhr.categories[category];
        scores[category] = entry?.score ?? 0;
        failing[category] = (entry?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (run.lhr.audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => ref.id);
      }
      results.push({ url, scores, failing });
      console.log(`  lighthouse ${new URL(url).pathname}: ${Object.entries(scores).map(([name, score]) => `${name} ${score.toFixed(2)}`).join(', ')}`);
    }
    return results;
  } finally {
    chrome.kill();
  }
}
