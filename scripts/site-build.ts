/**
 * The tutorial site as `npm start` serves it: built once with `astro build` for the endpoints of the
 * emulators it started, and built again only when something the build reads has changed (the site's
 * sources, the sample backend and emulator the in-page emulator is bundled from, the lockfile, the
 * build's `PUBLIC_*` variables and `.env` files).
 *
 * Serving a build instead of Astro's dev server is what keeps `npm start` small beside an editor and a
 * browser: the dev server (Astro and Vite, compiling pages on request) held about 445 MB on its own.
 * The build runs in a child process, so its memory is given back when it ends. `npm run dev` keeps the
 * dev server, for editing the site itself.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the build reads, besides the environment. */
const INPUT_PATHS = ['site', 'sample-backend', 'emulator', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** The files `astro build` (production mode) loads its variables from, as Vite does. */
const ENV_FILES = ['.env', '.env.local', '.env.production', '.env.production.local'];

export interface SiteBuild {
  /** The folder to serve. */
  folder: string;
  /** False when an earlier build for the same inputs was served again. */
  built: boolean;
  /** How long the build took, in ms (0 when it was reused). */
  buildMs: number;
}

/**
 * The site built for `env` (the variables the build sees) into `cacheFolder`, reusing the last
 * build when its inputs have not changed. Throws with the build's output if `astro build` fails.
 */
export async function siteBuildFor(root: string, cacheFolder: string, env: NodeJS.ProcessEnv): Promise<SiteBuild> {
  // One folder per set of inputs, so that two `npm start`s for different ports (a test run beside a
  // reader's own) never replace the site the other is serving.
  const folder = join(cacheFolder, `site-${inputsKey(root, env).slice(0, 24)}`);
  if (existsSync(folder)) {
    markUsed(folder);
    return { folder, built: false, buildMs: 0 };
  }

  mkdirSync(cacheFolder, { recursive: true });
  // Built beside and renamed into place whole, so that a failed or interrupted build never leaves
  // half a site to serve: a folder that exists is complete.
  const fresh = join(cacheFolder, `building-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  const startedAt = performance.now();
  await runAstroBuild(root, fresh, env);
  const buildMs = performance.now() - startedAt;
  try {
    renameSync(fresh, folder);
  } catch {
    // Another start built the same inputs meanwhile: its copy is as good as ours.
    rmSync(fresh, { recursive: true, force: true });
  }
  markUsed(folder);
  forgetOldBuilds(cacheFolder);
  return { folder, built: true, buildMs };
}

/** How many builds to keep: the reader's usual ports, a test run's, and a spare. */
const BUILDS_KEPT = 4;

function markUsed(folder: string): void {
  const now = new Date();
  utimesSync(folder, now, now);
}

/** Removes all but the most recently used builds, so the cache does not grow with every port tried. */
function forgetOldBuilds(cacheFolder: string): void {
  const builds = readdirSync(cacheFolder)
    .filter((name) => name.startsWith('site-'))
    .map((name) => ({ path: join(cacheFolder, name), usedAt: statSync(join(cacheFolder, name)).mtimeMs }))
    .sort((a, b) => b.usedAt - a.usedAt);
  for (const old of builds.slice(BUILDS_KEPT)) rmSync(old.path, { recursive: true, force: true });
}

function runAstroBuild(root: string, outDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve();
      rmSync(outDir, { recursive: true, force: true });
      reject(new Error(`astro build ${signal ? `was stopped by ${signal}` : `exited with ${code}`}. Its output:\n${output}`));
    });
  });
}

/** A hash of every input file's path and content, and of the variables the build can read. */
export function inputsKey(root: string, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256');
  for (const file of [...INPUT_PATHS, ...ENV_FILES].flatMap((path) => filesUnder(root, path)).sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  }
  const variables = Object.keys(env).filter((name) => name.startsWith('PUBLIC_') || name === 'SITE_URL').sort();
  for (const name of variables) hash.update(`${name}=${env[name]}\0`);
  return hash.digest('hex');
}

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    // Packaging output (`.serverless/`, `.esbuild/`) and installed packages are not the build's sources.
    .filter((file) => !file.split('/').some((part) => part === 'node_modules' || part.startsWith('.')));
}
