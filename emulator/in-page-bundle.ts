/**
 * Builds the in-page emulator's Web Worker for one service: its serverless.yml read here, at build
 * time (the worker cannot read files), the handlers bundled for the browser as they are, and the
 * gateway core, dynalite's engine and the AWS SDK v3 beside them. Each handler module stays lazy:
 * it first runs on its function's first invocation, a cold start, after `process.env` is set.
 *
 * What the browser lacks is filled in at bundle time, never in the handlers:
 * - each SDK client's browser runtime configuration is wrapped with in-page-sdk-defaults.ts (Region,
 *   credentials and the in-page request handler), where the Node runtime would read the environment;
 * - Node's `crypto`, `stream`, `events`, `util` and `buffer`, which dynalite needs, come from
 *   browser-shims/ and their npm ports; `process`, `Buffer` and `setImmediate` are injected.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import type { InPageServiceDescription } from './in-page-stack.ts';
import { LOCAL_CREDENTIALS } from './local-dynamodb.ts';
import { loadServerlessConfig } from './serverless-config.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export interface InPageBundleOptions {
  /** The service's serverless.yml. */
  config: string;
  /** The API's host name in the page (`sample.in-page`). */
  host: string;
  /** Default `local`, the stage `npm start` runs. */
  stage?: string;
  minify?: boolean;
  /** What `${env:…}` in serverless.yml reads, as a deployment would. Default: this process's environment. */
  env?: Record<string, string | undefined>;
}

export interface InPageBundle {
  code: string;
  bytes: number;
  gzipBytes: number;
  description: InPageServiceDescription;
}

export async function buildInPageBundle({ config, host, stage = 'local', minify = true, env }: InPageBundleOptions): Promise<InPageBundle> {
  const apiId = apiIdFor(host);
  const service = loadServerlessConfig(config, { stage, apiId, ...(env ? { env } : {}) });
  const environment = sharedEnvironment(service.functions.map((fn) => fn.environment), service.region, service.functions[0]?.runtime ?? 'nodejs22.x');
  const description: InPageServiceDescription = {
    service: service.service,
    stage: service.stage,
    region: service.region,
    apiId,
    host,
    routeSelectionExpression: service.routeSelectionExpression,
    environment,
    tables: service.tables,
    functions: service.functions.map(({ key, name, handlerExport, timeoutSeconds, memorySize, routes }) => ({ key, name, handlerExport, timeoutSeconds, memorySize, routes })),
    connectAuthorizer: service.connectAuthorizer,
  };
  const entry = [
    `import { runInPageWorker } from ${JSON.stringify(join(here, 'in-page-worker.ts'))};`,
    `const description = ${JSON.stringify(description)};`,
    'const loaders = {',
    ...service.functions.map((fn) => `  ${JSON.stringify(fn.key)}: () => import(${JSON.stringify(fn.handlerModule)}),`),
    '};',
    'runInPageWorker(description, loaders);',
  ].join('\n');

  const result = await build({
    stdin: { contents: entry, resolveDir: here, sourcefile: `in-page-${service.service}.js`, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { global: 'globalThis' },
    inject: [join(here, 'browser-shims/node-globals.ts')],
    alias: {
      crypto: join(here, 'browser-shims/node-crypto.ts'),
      // readable-stream 4 is Node 18's stream; version 3 calls read() again before a pending one
      // resolves, and dynalite's store then hands Scan the same item twice.
      stream: require.resolve('readable-stream'),
      events: require.resolve('events/'),
      util: require.resolve('util/'),
      buffer: require.resolve('buffer/'),
    },
    plugins: [inPageSdkConfig()],
  });
  const code = result.outputFiles[0]!.text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length, description };
}

/**
 * An API id of AWS's form (10 lowercase letters and digits), the same for every build of one host,
 * so that a build of unchanged code is the same file, with the same hashed name.
 */
function apiIdFor(host: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(createHash('sha256').update(host).digest().subarray(0, 10), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * The functions share one `process.env` in the worker (one realm): serverless.yml's variables,
 * which must agree between functions, and what the Lambda runtime sets for all of them.
 */
function sharedEnvironment(environments: Record<string, string>[], region: string, runtime: string): Record<string, string> {
  const shared: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EXECUTION_ENV: `AWS_Lambda_${runtime}`,
  };
  for (const environment of environments) {
    for (const [name, value] of Object.entries(environment)) {
      if (name in shared && shared[name] !== value && !name.startsWith('AWS_')) {
        throw new Error(`The in-page emulator runs every function with one process.env, but functions set ${name} to ${JSON.stringify(shared[name])} and ${JSON.stringify(value)}`);
      }
      shared[name] = value;
    }
  }
  return shared;
}

/** Wraps `./runtimeConfig` of every `@aws-sdk/client-*` package with inPageClientConfig(). */
function inPageSdkConfig(): Plugin {
  const defaultsModule = join(here, 'in-page-sdk-defaults.ts');
  return {
    name: 'in-page-sdk-config',
    setup(build) {
      build.onResolve({ filter: /^\.\/runtimeConfig$/ }, async (args) => {
        const sdkPackage = /node_modules\/(@aws-sdk\/client-[^/]+)\/dist-es\//.exec(args.importer)?.[1];
        if (!sdkPackage || args.pluginData === 'original') return undefined;
        const original = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'original' });
        return { path: original.path, namespace: 'in-page-sdk-config', pluginData: sdkPackage };
      });
      build.onLoad({ filter: /.*/, namespace: 'in-page-sdk-config' }, (args) => ({
        resolveDir: dirname(args.path),
        loader: 'js',
        contents: [
          `import { getRuntimeConfig as browserRuntimeConfig } from ${JSON.stringify(args.path)};`,
          `import { inPageClientConfig } from ${JSON.stringify(defaultsModule)};`,
          `export const getRuntimeConfig = (config) => browserRuntimeConfig(inPageClientConfig(${JSON.stringify(args.pluginData)}, config));`,
        ].join('\n'),
      }));
    },
  };
}
