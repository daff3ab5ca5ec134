import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { postToConnectionCommand } from '../../site/client/post-to-connection-command.ts';
import { nextMessage, openClient, route, startEmulator, stopAll } from '../support/emulator-harness.ts';
import { awsCliOrSkip } from '../support/aws-cli.ts';

// The exact command the server-push widget shows a reader, run by bash and the AWS CLI against the
// emulator: the dummy credentials in front, the flags, the quoting.

afterEach(stopAll);


describe('the post-to-connection command the server-push widget shows', () => {
  it('delivers the data, quotes and all, through bash and the AWS CLI', async (context) => {
    const awsCli = awsCliOrSkip(context);
    const started = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(started.wsUrl);
    const connectionId = started.events[0]?.requestContext.connectionId ?? '';
    const data = `it's "quoted" $HOME`;
    const command = postToConnectionCommand({ endpoint: started.wsUrl, connectionId, data, local: true });
    const received = nextMessage(client);
    // No credentials or config from this machine: the command must bring what the CLI needs.
    const env = { PATH: `${awsCli.replace(/\/aws$/, '')}:/usr/bin:/bin`, HOME: '/nonexistent', AWS_PAGER: '' };
    await promisify(execFile)('/bin/bash', ['-c', command], { env });
    expect(await received).toBe(data);
  });
});
