import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAwsAccount } from '../../scripts/aws-account.ts';
import { endpointsIn, isEndpointOf, withEndpoints } from '../../scripts/deployed-endpoint-file.ts';
import { longestStage, stageProblem } from '../../scripts/sample-options.ts';
import { explainStackState, readStackState } from '../../scripts/stack-state.ts';
import { CALLER_IDENTITY, describedStack, queryError, startFakeAwsQuery } from '../support/fake-aws-query.ts';
import { readerEnvironment } from '../support/reader-env.ts';

// deploy:sample and remove:sample as a reader runs them, with AWS played by servers on 127.0.0.1.
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sample-scripts-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const savedFile = () => join(folder, '.env.local');

/** A reader's shell with no AWS configuration at all, plus `extra`. */
function shellWithout(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(readerEnvironment()).filter(([name]) => !name.startsWith('AWS_')));
  return {
    ...env,
    AWS_CONFIG_FILE: join(folder, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(folder, 'no-credentials'),
    // Never ask the EC2 metadata service: this machine has no business reaching it.
    AWS_EC2_METADATA_DISABLED: 'true',
    DEPLOYED_ENDPOINT_FILE: savedFile(),
    ...extra,
  };
}

const SOME_KEYS = { AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'test-secret' };

async function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--experimental-strip-types', '--no-warnings', script, ...args], { env, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SCRIPTS = ['scripts/deploy-sample.ts', 'scripts/remove-sample.ts'];

describe('what the scripts say when the credentials check fails, changing nothing', () => {
  afterEach(async () => {
    expect(existsSync(savedFile())).toBe(false);
  });

  it.each(SCRIPTS)('%s: no credentials at all', async (script) => {
    const { code, output } = await run(script, ['--stage', 'test'], shellWithout());
    expect(code).toBe(1);
    expect(output).toContain('No usable AWS credentials were found, so nothing was deployed or changed.');
    expect(output).toContain('aws configure');
  }, 60_000);

  it.each(SCRIPTS)('%s: credentials that AWS refuses', async (script) => {
    const sts = await startFakeAwsQuery(() => queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'));
    try {
      const { code, output } = await run(script, ['--stage', 'test'], shellWithout({ ...SOME_KEYS, AWS_ENDPOINT_URL_STS: sts.url }));
      expect(code).toBe(1);
      expect(output).toContain('AWS refused these credentials, so nothing was deployed or changed.');
      expect(output).toContain('InvalidClientTokenId');
      expect(output).not.toContain('No usable AWS credentials');
    } finally {
      await sts.close();
    }
  }, 60_000);

  it.each(SCRIPTS)('%s: AWS out of reach', async (script) => {
    const { code, output } = await run(script, ['--stage', 'test'], shellWithout({ ...SOME_KEYS, AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${await closedPort()}` }));
    expect(code).toBe(1);
    expect(output).toContain('AWS STS in us-east-1 could not be reached, so nothing was deployed or changed.');
    expect(output).toContain('ECONNREFUSED');
    expect(output).not.toContain('No usable AWS credentials');
  }, 60_000);
});

describe('the credentials check against an endpoint that never answers', () => {
  let silent: Awaited<ReturnType<typeof startFakeAwsQuery>>;
  beforeEach(async () => {
    silent = await startFakeAwsQuery(() => undefined);
    vi.stubEnv('AWS_ENDPOINT_URL_STS', silent.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', SOME_KEYS.AWS_ACCESS_KEY_ID);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SOME_KEYS.AWS_SECRET_ACCESS_KEY);
    vi.stubEnv('AWS_PROFILE', '');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await silent.close();
  });

  it('gives up at its timeout and says it timed out', async () => {
    const startedAt = Date.now();
    const check = await checkAwsAccount('eu-west-1', 400);
    expect(check).toEqual({ ok: false, failure: 'timeout', detail: 'no answer within 0.4 s' });
    expect(Date.now() - startedAt).toBeLessThan(5000);
  });
});

describe('the command line', () => {
  it.each(SCRIPTS)('%s: an unknown flag gets the usage and exit status 2, not a stack trace', async (script) => {
    const { code, output } = await run(script, ['--stgae', 'dev'], shellWithout());
    expect(code).toBe(2);
    expect(output).toContain("Unknown option '--stgae'");
    expect(output).toMatch(/Usage: npm run (deploy|remove):sample/);
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);

  it.each(['scripts/start.ts', 'scripts/emulator.ts'])('%s: an unknown flag gets the usage and exit status 2', async (script) => {
    const { code, output } = await run(script, ['--prot', '3001'], shellWithout());
    expect(code).toBe(2);
    expect(output).toContain("Unknown option '--prot'");
    expect(output).toContain('Usage: npm ');
  }, 60_000);

  it('refuses a stage that would make a Lambda function name longer than 64 characters, before asking AWS', async () => {
    const tooLong = 'a'.repeat(longestStage() + 1);
    const { code, output } = await run('scripts/deploy-sample.ts', ['--stage', tooLong], shellWithout());
    expect(code).toBe(2);
    expect(output).toContain(`apigw-websocket-tutorial-auth-${tooLong}-authorize" (65 characters), and Lambda allows at most 64`);
    expect(output).not.toContain('AWS credentials');
  }, 60_000);

  it('takes the longest stage that fits, and stops at the credentials', async () => {
    const { code, output } = await run('scripts/deploy-sample.ts', ['--stage', 'a'.repeat(longestStage())], shellWithout());
    expect(code).toBe(1);
    expect(output).toContain('No usable AWS credentials');
  }, 60_000);

  it.each([
    ['dev_1', 'only letters, digits and hyphens'],
    ['dev.1', 'only letters, digits and hyphens'],
    ['', 'only letters, digits and hyphens'],
  ])('refuses the stage "%s"', (stage, message) => {
    expect(stageProblem(stage)).toContain(message);
  });

  it('works out the longest stage from the services: 64 minus the longest service and function name', () => {
    // apigw-websocket-tutorial-auth-{stage}-authorize: 29 + 1 + 1 + 9 characters around the stage.
    expect(longestStage()).toBe(64 - 40);
    expect(stageProblem('a'.repeat(24))).toBeUndefined();
  });

  it('refuses a Region that is not one', async () => {
    const { code, output } = await run('scripts/deploy-sample.ts', ['--region', 'tokyo'], shellWithout());
    expect(code).toBe(2);
    expect(output).toContain('--region must be an AWS Region');
  }, 60_000);
});

describe('remove:sample forgets only the URLs of the stage it removed', () => {
  it('keeps another stage\'s URL and the reader\'s own lines', async () => {
    const sts = await startFakeAwsQuery(() => CALLER_IDENTITY);
    // Both stacks of stage "test" are already gone: nothing for osls to do.
    const cloudFormation = await startFakeAwsQuery((_action, params) => queryError(400, 'ValidationError', `Stack with id ${params.get('StackName')} does not exist`));
    await writeFile(savedFile(), 'MY_OWN=1\nPUBLIC_DEPLOYED_WS_ENDPOINT=wss://abc123.execute-api.us-east-1.amazonaws.com/test\nPUBLIC_DEPLOYED_AUTH_WS_ENDPOINT=wss://def456.execute-api.us-east-1.amazonaws.com/prod\n');
    try {
      const { code, output } = await run('scripts/remove-sample.ts', ['--stage', 'test'], shellWithout({ ...SOME_KEYS, AWS_ENDPOINT_URL_STS: sts.url, AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.url }));
      expect(output).toContain('There is no stack apigw-websocket-tutorial-test in us-east-1');
      expect(code).toBe(0);
      expect(await readFile(savedFile(), 'utf8')).toBe('MY_OWN=1\nPUBLIC_DEPLOYED_AUTH_WS_ENDPOINT=wss://def456.execute-api.us-east-1.amazonaws.com/prod\n');
    } finally {
      await rm(savedFile(), { force: true });
      await sts.close();
      await cloudFormation.close();
    }
  }, 60_000);

  it.each([
    ['wss://abc.execute-api.us-east-1.amazonaws.com/dev', 'dev', 'us-east-1', true],
    ['wss://abc.execute-api.us-east-1.amazonaws.com/dev/', 'dev', 'us-east-1', true],
    ['wss://abc.execute-api.cn-north-1.amazonaws.com.cn/dev', 'dev', 'cn-north-1', true],
    ['wss://abc.execute-api.us-east-1.amazonaws.com/dev', 'prod', 'us-east-1', false],
    ['wss://abc.execute-api.us-east-1.amazonaws.com/dev', 'dev', 'eu-west-1', false],
    ['not a url', 'dev', 'us-east-1', false],
  ])('%s is stage %s in %s: %s', (url, stage, region, expected) => {
    expect(isEndpointOf(url, stage, region)).toBe(expected);
  });
});

describe('what a failed deployment left, as CloudFormation tells it', () => {
  const remove = 'npm run remove:sample -- --stage dev --region us-east-1';

  it.each([
    [{ exists: false } as const, 'nothing was created, so there is nothing to clean up'],
    [{ exists: true, status: 'ROLLBACK_COMPLETE', reason: 'The following resource(s) failed to create: [ConnectRole].' } as const, 'rolled the new stack s back (The following resource(s) failed to create: [ConnectRole].). An empty stack stays behind in ROLLBACK_COMPLETE'],
    [{ exists: true, status: 'UPDATE_ROLLBACK_COMPLETE' } as const, 'the previous deployment is still live and unchanged'],
    [{ exists: true, status: 'UPDATE_ROLLBACK_FAILED' } as const, 'could not finish or undo its work'],
    [{ exists: true, status: 'UPDATE_IN_PROGRESS' } as const, 'is still working on s (UPDATE_IN_PROGRESS)'],
    [{ exists: true, status: 'UPDATE_COMPLETE' } as const, 'CloudFormation rolled nothing back'],
    [{ unknown: 'AccessDenied: not allowed' }, 'could not be read (AccessDenied: not allowed)'],
  ])('%j', (state, expected) => {
    const text = explainStackState('s', state, remove);
    expect(text).toContain(expected);
    // "rolled back" only where CloudFormation did roll back.
    expect(/rolled (the new stack s|the update of s) back/.test(text)).toBe('status' in state && state.status.endsWith('ROLLBACK_COMPLETE'));
  });

  it('reads the stack, and reads a missing one as missing', async () => {
    const cloudFormation = await startFakeAwsQuery((_action, params) =>
      params.get('StackName') === 'there' ? describedStack('there', 'ROLLBACK_COMPLETE', 'Role failed') : queryError(400, 'ValidationError', 'Stack with id gone does not exist'),
    );
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDFORMATION', cloudFormation.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', SOME_KEYS.AWS_ACCESS_KEY_ID);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SOME_KEYS.AWS_SECRET_ACCESS_KEY);
    try {
      expect(await readStackState('there', 'us-east-1')).toEqual({ exists: true, status: 'ROLLBACK_COMPLETE', reason: 'Role failed' });
      expect(await readStackState('gone', 'us-east-1')).toEqual({ exists: false });
    } finally {
      vi.unstubAllEnvs();
      await cloudFormation.close();
    }
  });
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

  it('reads back what it wrote', () => {
    expect(endpointsIn(withEndpoints('OTHER=1\n', { sample: 'wss://a/dev', auth: 'wss://b/dev' }))).toEqual({ sample: 'wss://a/dev', auth: 'wss://b/dev' });
  });
});
