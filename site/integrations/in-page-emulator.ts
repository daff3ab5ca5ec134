/**
 * Puts the in-page emulator's workers beside the site: `/_in-page/sample.js` (sample-backend/
 * serverless.yml) and `/_in-page/auth.js` (serverless.auth.yml), built by emulator/in-page-bundle.ts.
 * `astro build` builds them first and writes them into dist/ with a hash of their content in the
 * name (`sample.1a2b3c4d.js`), so that a static host's cache never pairs a new page with an old
 * worker; the page learns the names from `__IN_PAGE_FILES__`. `astro dev` serves them under their
 * plain names, built on first request and again after a change under sample-backend/ or emulator/,
 * so a reader editing a handler sees it in the page.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { buildInPageBundle } from '../../emulator/in-page-bundle.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** File name in `/_in-page/` → the service it runs. The hosts match site/client/in-page-emulator.ts. */
export const IN_PAGE_BUNDLES = {
  'sample.js': { config: `${root}sample-backend/serverless.yml`, host: 'sample.in-page' },
  'auth.js': { config: `${root}sample-backend/serverless.auth.yml`, host: 'auth.in-page' },
} as const;

type BundleName = keyof typeof IN_PAGE_BUNDLES;

export function inPageEmulator(): AstroIntegration {
  let env: Record<string, string | undefined> = process.env;
  const build = (source: (typeof IN_PAGE_BUNDLES)[BundleName]) => buildInPageBundle({ ...source, env });
  /** For `astro build`: each bundle's code under its hashed file name. */
  const forBuild = new Map<string, string>();
  return {
    name: 'in-page-emulator',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig }) => {
        // serverless.yml's `${env:…}`, as for a deployment. The authentication API lets in pages from
        // the origins in ALLOWED_ORIGINS: by default the site's own, where the published copy is read.
        if (config.site && !process.env.ALLOWED_ORIGINS) env = { ...process.env, ALLOWED_ORIGINS: new URL(config.site).origin };
        const files: Record<string, string> = {};
        for (const [name, source] of Object.entries(IN_PAGE_BUNDLES)) {
          const service = name.replace(/\.js$/, '');
          if (command !== 'build') {
            files[service] = name;
            continue;
          }
          const { code } = await build(source);
          const file = `${service}.${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
          forBuild.set(file, code);
          files[service] = file;
        }
        updateConfig({ vite: { define: { __IN_PAGE_FILES__: JSON.stringify(files) } } });
      },
      'astro:server:setup': ({ server }) => {
        const built = new Map<BundleName, Promise<string>>();
        server.watcher.on('change', (file) => {
          if (file.startsWith(`${root}sample-backend/`) || file.startsWith(`${root}emulator/`)) built.clear();
        });
        server.middlewares.use('/_in-page/', (req, res, next) => {
          const name = (req.url ?? '').replace(/^\//, '').split('?')[0] as BundleName;
          const source = IN_PAGE_BUNDLES[name];
          if (!source) return next();
          let code = built.get(name);
          if (!code) {
            code = build(source).then((bundle) => bundle.code);
            built.set(name, code);
            code.catch(() => built.delete(name));
          }
          code.then(
            (text) => {
              res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
              res.end(text);
            },
            (error: unknown) => {
              res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
              res.end(`The in-page emulator could not be built: ${error instanceof Error ? error.message : String(error)}`);
            },
          );
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const folder = new URL('_in-page/', dir);
        await mkdir(folder, { recursive: true });
        for (const [file, code] of forBuild) {
          await writeFile(new URL(file, folder), code);
          logger.info(`_in-page/${file}: ${(Buffer.byteLength(code) / 1024).toFixed(0)} KB, ${(gzipSync(code).length / 1024).toFixed(0)} KB gzipped`);
        }
      },
    },
  };
}
