import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEndpoints } from '../../scripts/deployed-endpoint-file.ts';

// deploy:sample and remove:sample as a reader without AWS credentials runs them.
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sample-scripts-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function runWithoutCredentials(script: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_') && !/^(VITEST.*|NODE_ENV|MODE|BASE_URL|PROD|DEV|SSR)$/.test(name)) env[name] = value;
  Object.assign(env, {
    AWS_CONFIG_FILE: join(folder, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(folder, 'no-credentials'),
    // Never ask the EC2 metadata service: this machine has no business reaching it.
    AWS_EC2_METADATA_DISABLED: 'true',
    DEPLOYED_ENDPOINT_FILE: join(folder, '.env.local'),
  });
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--experimental-strip-types', script, '--stage', 'test'], { env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('deploy:sample and remove:sample without credentials', () => {
  it.each(['scripts/deploy-sample.ts', 'scripts/remove-sample.ts'])('%s says so, changes nothing and exits 1', async (script) => {
    const { code, output } = await runWithoutCredentials(script);
    expect(code).toBe(1);
    expect(output).toContain('No usable AWS credentials were found, so nothing was deployed or changed.');
    expect(output).toContain('aws configure');
    expect(existsSync(join(folder, '.env.local'))).toBe(false);
  }, 60_000);
});

describe('the saved endpoints', () => {
  it.each([
    ['adds the lines to an empty file', '', { sample: 'wss://a', auth: 'wss://b' }, 'PUBLIC_DEPLOYED_WS_ENDPOINT=wss://a\nPUBLIC_DEPLOYED_AUTH_WS_ENDPOINT=wss://b\n'],
    ['replaces old values and keeps other lines', 'OTHER=1\nPUBLIC_DEPLOYED_WS_ENDPOINT=wss://old\nPUBLIC_DEPLOYED_AUTH_WS_ENDPOINT=wss://old-auth\n', { sample: 'wss://new', auth: 'wss://new-auth' }, 'OTHER=1\nPUBLIC_DEPLOYED_WS_ENDPOINT=wss://new\nPUBLIC_DEPLOYED_AUTH_WS_ENDPOINT=wss://new-auth\n'],
    ['keeps only the one that deployed', 'PUBLIC_DEPLOYED_AUTH_WS_ENDPOINT=wss://old-auth\n', { sample: 'wss://a' }, 'PUBLIC_DEPLOYED_WS_ENDPOINT=wss://a\n'],
    ['removes the lines and keeps other lines', 'OTHER=1\nPUBLIC_DEPLOYED_WS_ENDPOINT=wss://old\nPUBLIC_DEPLOYED_AUTH_WS_ENDPOINT=wss://b\n', {}, 'OTHER=1\n'],
    ['leaves an empty file when nothing else is there', 'PUBLIC_DEPLOYED_WS_ENDPOINT=wss://old\n', {}, ''],
  ])('%s', (_name, before, endpoints, after) => {
    expect(withEndpoints(before, endpoints)).toBe(after);
  });
});
