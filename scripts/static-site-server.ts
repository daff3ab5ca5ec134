/**
 * Serves a built site as a static host does: `index.html` for a folder, the site's own 404 page for
 * a path that is not there, GET and HEAD only, nothing outside the folder. With `gzip`, answers gzipped
 * to a client that asks, as a host with compression on would (the site benchmark measures that).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

export interface StaticSiteOptions {
  folder: string;
  host: string;
  port: number;
  gzip?: boolean;
}

export function serveStaticSite({ folder, host, port, gzip = false }: StaticSiteOptions): Promise<Server> {
  const root = resolve(folder);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Only GET and HEAD are served here.\n');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('The path is not valid percent-encoding.\n');
      return;
    }
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Outside the site.\n');
      return;
    }
    const found = existingFile(file, path.endsWith('/'));
    if (found === 'folder-without-slash') {
      // `/three-events` → `/three-events/`, so that the page's relative links resolve as they would when hosted.
      response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const status = found ? 200 : 404;
    const served = found ?? join(root, '404.html');
    if (!existsSync(served)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    const body = readFileSync(served);
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
      // The build names its scripts and styles by their content; pages must be asked for again after a rebuild.
      'cache-control': served.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (gzip && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
      const packed = gzipSync(body);
      response.writeHead(status, { ...headers, 'content-encoding': 'gzip', 'content-length': String(packed.length), vary: 'accept-encoding' });
      response.end(request.method === 'HEAD' ? undefined : packed);
    } else {
      response.writeHead(status, { ...headers, 'content-length': String(body.length) });
      response.end(request.method === 'HEAD' ? undefined : body);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise(server);
    });
  });
}

/** The file a path names (a folder's `index.html`), a folder named without its slash, or undefined. */
function existingFile(file: string, askedForFolder: boolean): string | 'folder-without-slash' | undefined {
  if (!existsSync(file)) return undefined;
  if (!statSync(file).isDirectory()) return file;
  const index = join(file, 'index.html');
  if (!existsSync(index)) return undefined;
  return askedForFolder ? index : 'folder-without-slash';
}
