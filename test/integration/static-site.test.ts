/**
 * What `npm start` serves the site with: the static server (scripts/static-site-server.ts) answers
 * as a static host would, and the build cache (scripts/site-build.ts) rebuilds exactly when an input
 * changed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputsKey } from '../../scripts/site-build.ts';
import { serveStaticSite } from '../../scripts/static-site-server.ts';

describe('the static site server', () => {
  let folder: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'static-site-'));
    mkdirSync(join(folder, 'lesson'));
    mkdirSync(join(folder, '_astro'));
    writeFileSync(join(folder, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(folder, 'lesson', 'index.html'), '<h1>lesson</h1>');
    writeFileSync(join(folder, '404.html'), '<h1>not here</h1>');
    writeFileSync(join(folder, '_astro', 'page.abc123.js'), 'console.log("page");'.repeat(50));
    server = await serveStaticSite({ folder, host: '127.0.0.1', port: 0, gzip: true });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves a folder’s index.html, and redirects a folder named without its slash', async () => {
    const lesson = await fetch(`${base}/lesson/`);
    expect(lesson.status).toBe(200);
    expect(lesson.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(lesson.headers.get('cache-control')).toBe('no-cache');
    expect(await lesson.text()).toBe('<h1>lesson</h1>');
    const bare = await fetch(`${base}/lesson?x=1`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/lesson/?x=1');
  });

  it('answers a missing path with the site’s 404 page and status 404', async () => {
    const missing = await fetch(`${base}/no-such-lesson/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('<h1>not here</h1>');
  });

  it('serves nothing outside its folder, refuses bad encoding and methods other than GET and HEAD', async () => {
    // URL parsing removes `..` segments, but an encoded slash decodes to one afterwards; sent raw, as fetch() would rewrite it.
    const escaped = await rawGet(base, '/..%2f..%2f..%2fetc/passwd');
    expect(escaped.status).toBe(403);
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
    const post = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('gzips for a client that asks, and marks hashed build assets immutable', async () => {
    const response = await rawGet(base, '/_astro/page.abc123.js', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(response.body).toString()).toBe('console.log("page");'.repeat(50));
  });
});

describe('the site build cache key', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'site-inputs-'));
    mkdirSync(join(root, 'site', 'lessons'), { recursive: true });
    mkdirSync(join(root, 'sample-backend', '.serverless'), { recursive: true });
    writeFileSync(join(root, 'site', 'lessons', 'one.mdx'), '# One');
    writeFileSync(join(root, 'package.json'), '{}');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('changes with a source file, a .env file and a PUBLIC_ variable, and not with packaging output or other variables', () => {
    const before = inputsKey(root, { PUBLIC_WS_ENDPOINT: 'ws://localhost:3001/local', HOME: '/a' });
    expect(inputsKey(root, { PUBLIC_WS_ENDPOINT: 'ws://localhost:3001/local', HOME: '/b' })).toBe(before);
    expect(inputsKey(root, { PUBLIC_WS_ENDPOINT: 'ws://localhost:3101/local' })).not.toBe(before);

    writeFileSync(join(root, 'sample-backend', '.serverless', 'bundle.zip'), 'packaged');
    expect(inputsKey(root, { PUBLIC_WS_ENDPOINT: 'ws://localhost:3001/local' })).toBe(before);

    writeFileSync(join(root, 'site', 'lessons', 'one.mdx'), '# One, edited');
    const edited = inputsKey(root, { PUBLIC_WS_ENDPOINT: 'ws://localhost:3001/local' });
    expect(edited).not.toBe(before);

    writeFileSync(join(root, '.env'), 'PUBLIC_DEPLOYED_WS_ENDPOINT=wss://example/dev');
    expect(inputsKey(root, { PUBLIC_WS_ENDPOINT: 'ws://localhost:3001/local' })).not.toBe(edited);
  });
});

/** A GET sent as written (no URL normalisation), with the raw body. */
async function rawGet(base: string, path: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:http');
  const url = new URL(base);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.once('error', reject);
    req.end();
  });
}
