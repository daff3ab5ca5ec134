import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaFunction } from '../../emulator/lambda-function.ts';

// The SDK a runtime provides, in real Lambda workers, for a service in a folder of its own outside this
// project (so that this project's node_modules are not on its path, as for a reader's own service).
const installed = createRequire(import.meta.url);
const V2 = (installed('aws-sdk/package.json') as { version: string }).version;
const V3 = (installed('@aws-sdk/client-dynamodb/package.json') as { version: string }).version;
let folder: string;
const functions: LambdaFunction[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'runtime-sdk-'));
  // Loads a package by name and says which version it got, or the error a handler would see.
  await writeFile(join(folder, 'probe.cjs'), `exports.handler = async ({ specifier }) => {
  try { return { version: require(specifier + '/package.json').version }; } catch (error) { return { error: error.message.split('\\n')[0] }; }
};\n`);
  await writeFile(join(folder, 'probe.mjs'), `export const handler = async ({ specifier }) => {
  try { const loaded = await import(specifier); return { loaded: Object.keys(loaded).length > 0 }; } catch (error) { return { error: error.message.split('\\n')[0] }; }
};\n`);
  // A project that installs its own copy of the v2 SDK.
  const own = join(folder, 'own', 'node_modules', 'aws-sdk');
  await mkdir(own, { recursive: true });
  await writeFile(join(own, 'package.json'), '{"name":"aws-sdk","version":"2.0.0-own","main":"index.js"}');
  await writeFile(join(own, 'index.js'), 'module.exports = {};\n');
  await writeFile(join(folder, 'own', 'probe.cjs'), `exports.handler = async ({ specifier }) => ({ version: require(specifier + '/package.json').version });\n`);
});

afterAll(async () => {
  await Promise.all(functions.splice(0).map((fn) => fn.stop()));
  await rm(folder, { recursive: true, force: true });
});

function probe(file: string, runtime: string, specifier: string): Promise<unknown> {
  const fn = new LambdaFunction(
    { name: `probe-${runtime}`, handlerModule: join(folder, file), handlerExport: 'handler', environment: {}, runtime, timeoutSeconds: 10, memorySize: 128 },
    { localEndpoints: () => ({ emulatorPort: 0, apiId: 'a1b2c3d4e5', region: 'us-east-1' }), onLog: () => {} },
  );
  functions.push(fn);
  return fn.invoke({ specifier }, 'r1');
}

describe('the AWS SDK a runtime provides', () => {
  it.each([
    ['nodejs12.x', 'aws-sdk', { version: V2 }],
    ['nodejs16.x', 'aws-sdk', { version: V2 }],
    ['nodejs18.x', '@aws-sdk/client-dynamodb', { version: V3 }],
    ['nodejs24.x', '@aws-sdk/client-dynamodb', { version: V3 }],
  ])('%s gives require() %s', async (runtime, specifier, expected) => {
    expect(await probe('probe.cjs', runtime, specifier)).toEqual(expected);
  });

  it('gives import the v3 SDK from nodejs18.x on', async () => {
    expect(await probe('probe.mjs', 'nodejs22.x', '@aws-sdk/client-apigatewaymanagementapi')).toEqual({ loaded: true });
  });

  it.each([
    ['nodejs16.x', 'require', '@aws-sdk/client-dynamodb', "Cannot find module '@aws-sdk/client-dynamodb/package.json'"],
    ['nodejs22.x', 'require', 'aws-sdk', "Cannot find module 'aws-sdk/package.json'"],
    // Lambda's Node.js 16 and older runtimes could only require() their SDK, not import it.
    ['nodejs16.x', 'import', 'aws-sdk', `Cannot find package 'aws-sdk' imported from ${'FOLDER'}/probe.mjs`],
    // Only the SDK: a package the project forgot to install fails as it would on AWS.
    ['nodejs22.x', 'require', 'ws', "Cannot find module 'ws/package.json'"],
    ['nodejs22.x', 'import', 'ws', `Cannot find package 'ws' imported from ${'FOLDER'}/probe.mjs`],
  ])('%s does not let %s find %s', async (runtime, how, specifier, message) => {
    const result = await probe(how === 'import' ? 'probe.mjs' : 'probe.cjs', runtime, specifier);
    expect(result).toEqual({ error: message.replace('FOLDER', folder) });
  });

  it("lets the project's own copy win", async () => {
    expect(await probe('own/probe.cjs', 'nodejs16.x', 'aws-sdk')).toEqual({ version: '2.0.0-own' });
  });
});
