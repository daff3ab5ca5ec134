import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { awsCliOrSkip } from '../support/aws-cli.ts';
import { nextMessage, openClient, route, startEmulator, stopAll } from '../support/emulator-harness.ts';

// Beside the conformance suite rather than in it: the AWS CLI is another process, so it can only
// reach the Node transport, never the in-page one.
afterEach(stopAll);

// The AWS CLI, where it is installed (CI installs it), against the same endpoint.
describe('§6 the @connections API with the AWS CLI', () => {
  it('posts with `aws apigatewaymanagementapi post-to-connection --endpoint-url`', async (context) => {
    const awsCli = awsCliOrSkip(context);
    const started = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(started.wsUrl);
    const connectionId = started.events[0]?.requestContext.connectionId ?? '';
    const { httpUrl } = started;
    const received = nextMessage(client);
    await promisify(execFile)(awsCli, [
      'apigatewaymanagementapi', 'post-to-connection',
      '--endpoint-url', httpUrl, '--region', 'us-east-1',
      '--connection-id', connectionId, '--data', 'from the CLI',
      // AWS CLI v2 reads blob arguments as base64 unless told otherwise.
      '--cli-binary-format', 'raw-in-base64-out',
      // Nothing from this machine's ~/.aws or environment: only what the command says.
    ], { env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '' } });
    expect(await received).toBe('from the CLI');
  });
});
