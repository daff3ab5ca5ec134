/**
 * The AWS SDK a function's declared runtime would provide on Lambda, without the project bundling it:
 * `aws-sdk` (v2) for `nodejs16.x` and older, `@aws-sdk/*` (v3) for `nodejs18.x` and later
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html, "Runtime-included SDK versions").
 * The emulator hands out its own installed copies, and only where the project's own node_modules
 * have none: what the project installs always wins, as on Lambda.
 *
 * `require()` finds them through `NODE_PATH`, which is how Lambda's runtime offers its SDK too (its
 * `NODE_PATH` ends in `/var/runtime/node_modules`). `NODE_PATH` points at a folder holding only the
 * provided packages, so that a package the project forgot to install fails here as it would on AWS.
 * `import` ignores `NODE_PATH`; `runtime-sdk-hooks.ts` gives ES modules the v3 SDK. Lambda's runtimes up
 * to Node.js 16 could not `import` their SDK at all (only `require` it), so v2 is not offered to `import`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the worker needs to provide one runtime's SDK. */
export interface RuntimeSdk {
  /** The packages provided: `aws-sdk` or `@aws-sdk`. */
  packageName: 'aws-sdk' | '@aws-sdk';
  /** For `NODE_PATH`: a node_modules folder holding only the provided packages. */
  nodePath: string;
  /** A file URL in the emulator, from which the ES module hook resolves the SDK (up to its node_modules). */
  resolveFrom: string;
}

/** `nodejs18.x` and later come with v3; older ones with v2. */
export function providedSdkPackage(runtime: string): 'aws-sdk' | '@aws-sdk' {
  const major = Number(/^nodejs(\d+)\./.exec(runtime)?.[1]);
  return major < 18 ? 'aws-sdk' : '@aws-sdk';
}

/** Whether `specifier` names one of the provided packages (`aws-sdk`, `aws-sdk/clients/s3`, `@aws-sdk/client-s3`). */
export function isProvidedSpecifier(specifier: string, packageName: RuntimeSdk['packageName']): boolean {
  return packageName === 'aws-sdk' ? specifier === 'aws-sdk' || specifier.startsWith('aws-sdk/') : specifier.startsWith('@aws-sdk/');
}

const EMULATOR_NODE_MODULES = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');

/**
 * The SDK for `runtime`. The folder for `NODE_PATH` is made once per installation, under the temporary
 * directory, with a link to the installed package: the package's own dependencies then resolve from
 * its real place in the emulator's node_modules.
 */
export function runtimeSdkFor(runtime: string): RuntimeSdk {
  const packageName = providedSdkPackage(runtime);
  const installed = realpathSync(join(EMULATOR_NODE_MODULES, packageName));
  const key = createHash('sha256').update(installed).digest('hex').slice(0, 12);
  const nodePath = join(tmpdir(), `apigw-emulator-runtime-sdk-${key}`, packageName === 'aws-sdk' ? 'v2' : 'v3', 'node_modules');
  const link = join(nodePath, packageName);
  mkdirSync(nodePath, { recursive: true });
  try {
    // A junction on Windows needs no special rights; elsewhere the type is ignored.
    symlinkSync(installed, link, 'junction');
  } catch (error) {
    // Made by an earlier run (or another emulator starting at the same moment): the same link.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Resolving from this file walks up to the emulator's node_modules.
  return { packageName, nodePath, resolveFrom: import.meta.url };
}

/**
 * The error for a handler module that could not load, with why when it is the SDK: on AWS the same
 * code fails the same way (Runtime.ImportModuleError), since each runtime includes one SDK only.
 */
export function explainImportError(error: unknown, provided: RuntimeSdk['packageName']): unknown {
  if (!(error instanceof Error)) return error;
  const missing = /Cannot find (?:module|package) '((?:@aws-sdk\/[^/']+)|aws-sdk)/.exec(error.message)?.[1];
  if (missing === undefined) return error;
  const why =
    provided === '@aws-sdk' && missing === 'aws-sdk'
      ? 'On AWS this fails too (Runtime.ImportModuleError): nodejs18.x and later runtimes include the AWS SDK v3 (@aws-sdk/*) only. Bundle aws-sdk with the function, or move to the v3 clients.'
      : provided === 'aws-sdk' && missing.startsWith('@aws-sdk/')
        ? 'On AWS this fails too (Runtime.ImportModuleError): nodejs16.x and older runtimes include the AWS SDK v2 (aws-sdk) only. Bundle the v3 clients with the function, or use a newer runtime.'
        : undefined;
  if (why === undefined) return error;
  error.message = `${error.message}\n${why}`;
  return error;
}
