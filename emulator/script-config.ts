/**
 * `serverless.ts` and `serverless.js`: a configuration that is a program, evaluated as the Serverless
 * Framework evaluates it (ts-node with tsconfig-paths for TypeScript, `require` for JavaScript), to
 * the same document a serverless.yml parses to. The program runs with the service's folder as the
 * working directory, as `serverless` runs it, because templates such as aws-nodejs-typescript build
 * handler paths from `process.cwd()`.
 *
 * TypeScript is compiled file by file with esbuild (each module keeps its own `__dirname`), and
 * `paths` and `baseUrl` from the folder's tsconfig.json (and the file it `extends`) resolve
 * `@functions/...`-style imports. The hooks are in place only while the configuration loads.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { transformSync } from 'esbuild';

export const SCRIPT_CONFIG_EXTENSIONS = ['.ts', '.js', '.cjs'];

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
interface ModuleInternals {
  _extensions: Record<string, (module: { _compile(code: string, filename: string): void }, filename: string) => void>;
  _resolveFilename: Resolve;
}

export function evaluateScriptConfig(path: string): unknown {
  const folder = dirname(path);
  const internals = Module as unknown as ModuleInternals;
  const originalTs = internals._extensions['.ts'];
  const originalResolve = internals._resolveFilename;
  const aliases = tsconfigAliases(folder);
  const previousFolder = process.cwd();
  internals._extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), { loader: 'ts', format: 'cjs', sourcefile: filename, target: 'node20' });
    module._compile(code, filename);
  };
  internals._resolveFilename = function (request, parent, ...rest) {
    try {
      return originalResolve.call(this, request, parent, ...rest);
    } catch (error) {
      for (const candidate of aliases(request)) {
        try {
          return originalResolve.call(this, candidate, parent, ...rest);
        } catch {
          // The next candidate.
        }
      }
      throw error;
    }
  };
  try {
    process.chdir(folder);
    const exported = createRequire(path)(path) as { default?: unknown } | unknown;
    const document = typeof exported === 'object' && exported !== null && 'default' in exported && Object.keys(exported).length === 1 ? exported.default : exported;
    if (document instanceof Promise) throw new Error(`${path} exports a Promise; the emulator reads configurations that export the object itself`);
    return document;
  } finally {
    process.chdir(previousFolder);
    internals._resolveFilename = originalResolve;
    if (originalTs) internals._extensions['.ts'] = originalTs;
    else delete internals._extensions['.ts'];
  }
}

/** What a bare import may stand for under tsconfig's `paths` and `baseUrl`, most specific first. */
function tsconfigAliases(folder: string): (request: string) => string[] {
  const { baseUrl, paths } = readTsconfig(join(folder, 'tsconfig.json'));
  if (baseUrl === undefined) return () => [];
  return (request) => {
    if (request.startsWith('.') || request.startsWith('/')) return [];
    const mapped: string[] = [];
    for (const [pattern, targets] of Object.entries(paths)) {
      const star = pattern.indexOf('*');
      const matches = star === -1 ? request === pattern : request.startsWith(pattern.slice(0, star)) && request.endsWith(pattern.slice(star + 1));
      if (!matches) continue;
      const wildcard = star === -1 ? '' : request.slice(star, request.length - (pattern.length - star - 1));
      for (const target of targets) mapped.push(resolve(baseUrl, target.replace('*', wildcard)));
    }
    return [...mapped, resolve(baseUrl, request)];
  };
}

/** `compilerOptions.baseUrl` and `paths`, following `extends` to a file; later files win, as in tsc. */
function readTsconfig(file: string, depth = 0): { baseUrl: string | undefined; paths: Record<string, string[]> } {
  if (!existsSync(file) || depth > 5) return { baseUrl: undefined, paths: {} };
  let config: { extends?: string; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
  try {
    // tsconfig.json allows comments and trailing commas.
    config = JSON.parse(readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:"])\/\/.*$/gm, '$1').replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return { baseUrl: undefined, paths: {} };
  }
  const inherited = config.extends && extname(config.extends) ? readTsconfig(resolve(dirname(file), config.extends), depth + 1) : { baseUrl: undefined, paths: {} };
  const own = config.compilerOptions ?? {};
  return {
    baseUrl: own.baseUrl !== undefined ? resolve(dirname(file), own.baseUrl) : inherited.baseUrl,
    paths: { ...inherited.paths, ...own.paths },
  };
}
