/**
 * TypeScript handlers bundled with esbuild, as serverless-esbuild, serverless-webpack,
 * serverless-plugin-typescript and serverless-bundle would bundle them for a deployment, instead of
 * run with Node's type stripping: projects written for those plugins import types as values
 * (`import { Handler } from 'aws-lambda'`), leave out file extensions, and use TypeScript that only
 * a compiler understands (enums, `paths` in tsconfig.json). The runtime's own AWS SDK stays outside
 * the bundle, as a deployment leaves it to Lambda; every other package comes from the project's
 * node_modules into the bundle, so the bundle may live anywhere.
 *
 * Built on an environment's cold start (esbuild takes milliseconds for a handler), kept until the
 * code changes. A build that fails becomes a module that throws esbuild's message, so the
 * invocation fails as a broken deployment would, and the emulator keeps serving.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync, type BuildFailure } from 'esbuild';
import { providedSdkPackage } from './runtime-sdk.ts';

/** Plugins that bundle a service's handlers for deployment; declaring one means "bundle my TypeScript". */
export const BUNDLING_PLUGINS = ['serverless-esbuild', 'serverless-webpack', 'serverless-plugin-typescript', 'serverless-bundle'];

export interface BundleSettings {
  /** `custom.esbuild.format` where the project sets it; CommonJS otherwise, as those plugins default to. */
  format: 'cjs' | 'esm';
}

let bundlesFolder: string | undefined;
let built = 0;

export class HandlerBundle {
  #path: string | undefined;
  readonly source: string;
  readonly runtime: string;
  readonly settings: BundleSettings;

  constructor(source: string, runtime: string, settings: BundleSettings) {
    this.source = source;
    this.runtime = runtime;
    this.settings = settings;
  }

  /** The bundle to load, built now if the code changed since the last one. */
  path(): string {
    if (this.#path) return this.#path;
    bundlesFolder ??= makeBundlesFolder();
    const outfile = join(bundlesFolder, `${++built}.${this.settings.format === 'esm' ? 'mjs' : 'cjs'}`);
    try {
      buildSync({
        entryPoints: [this.source],
        outfile,
        bundle: true,
        platform: 'node',
        format: this.settings.format,
        target: `node${/^nodejs(\d+)/.exec(this.runtime)?.[1] ?? '20'}`,
        // What the runtime provides is not bundled, as on AWS.
        external: providedSdkPackage(this.runtime) === '@aws-sdk' ? ['@aws-sdk/*'] : ['aws-sdk', 'aws-sdk/*'],
        sourcemap: 'inline',
        logLevel: 'silent',
      });
    } catch (error) {
      const messages = (error as BuildFailure).errors?.map((problem) => `${problem.location ? `${problem.location.file}:${problem.location.line}: ` : ''}${problem.text}`) ?? [String(error)];
      writeFileSync(outfile, `throw new Error(${JSON.stringify(`esbuild could not bundle ${this.source}: ${messages.join('; ')}`)});\n`);
    }
    this.#path = outfile;
    return outfile;
  }

  /** The code changed: the next cold start builds again. */
  invalidate(): void {
    this.#path = undefined;
  }
}

function makeBundlesFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'emulator-bundles-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
