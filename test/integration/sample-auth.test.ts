import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StampedEntry } from '../../emulator/inspector.ts';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { eventually, nextMessage, openClient } from '../support/emulator-harness.ts';
import { readInspectorFeed, type FeedReader } from '../support/inspector-feed.ts';

// The authentication lesson's API (sample-backend/serverless.auth.yml) on the emulator, as `npm start`
// runs it: its real authorizer, `$connect` and `$default` handlers in Lambda workers.
let stack: LocalStack;
let wsUrl: string;
let feed: FeedReader;

beforeAll(async () => {
  stack = await startLocalStack({
    config: 'sample-backend/serverless.auth.yml', stage: 'local', port: 0, hotReload: false,
    environment: { ALLOWED_ORIGINS: 'https://tutorial.example' },
  });
  const port = Number(new URL(stack.emulator.webSocketUrl).port);
  wsUrl = `ws://127.0.0.1:${port}/local`;
  feed = await readInspectorFeed(port);
});

afterAll(async () => {
  feed?.stop();
  await stack?.close();
});

/** The inspector's entries for the newest handshake whose request target was `path`, once it has ended (refused or connected). */
function entriesOfHandshake(path: string): Promise<StampedEntry[]> {
  return eventually(() => {
    const handshake = feed.entries.findLast((entry) => entry.type === 'handshake' && entry.path === path);
    if (!handshake || handshake.type !== 'handshake') return undefined;
    const ofIt = feed.entries.filter((entry) => 'connectionId' in entry && entry.connectionId === handshake.connectionId);
    return ofIt.some((entry) => entry.type === 'handshake-refused' || entry.type === 'connected') && ofIt;
  });
}

describe("the authentication lesson's API", () => {
  it('refuses a handshake without a token with 401, without running the authorizer', async () => {
    await expect(openClient(wsUrl)).rejects.toThrow('HTTP 401');
    await expect(openClient(`${wsUrl}?token=`)).rejects.toThrow('HTTP 401');
    const entries = await entriesOfHandshake('/local?token=');
    expect(entries.map((entry) => entry.type)).toEqual(['handshake', 'handshake-refused']);
    expect(entries[1]).toMatchObject({ status: 401, reason: 'identity source route.request.querystring.token is missing or empty' });
  });

  it('refuses an unknown token with 401: the authorizer threw Unauthorized', async () => {
    await expect(openClient(`${wsUrl}?token=not-a-real-token`)).rejects.toThrow('HTTP 401');
    const entries = await entriesOfHandshake('/local?token=not-a-real-token');
    expect(entries.find((entry) => entry.type === 'invoke')).toMatchObject({ routeKey: '$connect authorizer' });
    expect(entries.find((entry) => entry.type === 'handshake-refused')).toMatchObject({ status: 401, reason: 'the authorizer answered Unauthorized' });
  });

  it("refuses a banned user's token with 403: the policy denies $connect", async () => {
    await expect(openClient(`${wsUrl}?token=tutorial-token-mallory`)).rejects.toThrow('HTTP 403');
    const entries = await entriesOfHandshake('/local?token=tutorial-token-mallory');
    expect(entries.find((entry) => entry.type === 'handshake-refused')).toMatchObject({ status: 403, reason: expect.stringContaining('the policy denies') });
  });

  it("lets Alice in, and $default answers with who she is from requestContext.authorizer, values as strings", async () => {
    const client = await openClient(`${wsUrl}?token=tutorial-token-alice`);
    client.send('who am I?');
    const reply = JSON.parse(await nextMessage(client)) as { type: string; routeKey: string; authorizer: Record<string, string> };
    client.close();
    expect(reply).toMatchObject({ type: 'identity', routeKey: '$default' });
    expect(reply.authorizer).toMatchObject({ principalId: 'alice', userId: 'alice', name: 'Alice' });
    expect(Date.parse(reply.authorizer.signedInAt!)).not.toBeNaN();
  });

  it('refuses a page from another site with 403 from $connect, even with the right token', async () => {
    await expect(openClient(`${wsUrl}?token=tutorial-token-alice`, undefined, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const entries = await entriesOfHandshake('/local?token=tutorial-token-alice');
    expect(entries.find((entry) => entry.type === 'handshake-refused')).toMatchObject({ status: 403, reason: '$connect refused the connection' });
  });

  it('lets in pages from this machine and from the origins in ALLOWED_ORIGINS', async () => {
    for (const origin of ['http://localhost:4321', 'http://127.0.0.1:5173', 'https://tutorial.example']) {
      const client = await openClient(`${wsUrl}?token=tutorial-token-alice`, undefined, { origin });
      client.close();
    }
    await expect(openClient(`${wsUrl}?token=tutorial-token-alice`, undefined, { origin: 'https://tutorial.example.evil' })).rejects.toThrow('HTTP 403');
  });
});
