import { describe, expect, it } from 'vitest';
import { managementEndpointOf, postToConnectionCommand, regionOf, shellQuote } from '../../site/client/post-to-connection-command.ts';

describe('managementEndpointOf', () => {
  it.each([
    ['wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev'],
    ['wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev/', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev'],
    ['wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev?room=lobby', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev'],
    ['ws://localhost:3001/local', 'http://localhost:3001/local'],
    ['ws://127.0.0.1:3001/local?x-emulator-time-scale=60', 'http://127.0.0.1:3001/local'],
  ])('turns %s into %s', (endpoint, expected) => {
    expect(managementEndpointOf(endpoint)).toBe(expected);
  });
});

describe('regionOf', () => {
  it.each([
    ['wss://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com/dev', 'ap-northeast-1'],
    ['wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev', 'us-east-1'],
    ['wss://ws.example.com/chat', null],
    ['ws://localhost:3001/local', null],
    ['not a url', null],
  ])('reads the Region of %s as %s', (endpoint, expected) => {
    expect(regionOf(endpoint)).toBe(expected);
  });
});

describe('shellQuote', () => {
  it.each([
    ['hello', `'hello'`],
    ['R1kmxc2VNjMCFIA=', `'R1kmxc2VNjMCFIA='`],
    [`it's`, `'it'\\''s'`],
    ['$HOME `id` "x"', `'$HOME \`id\` "x"'`],
  ])('quotes %s as %s', (text, expected) => {
    expect(shellQuote(text)).toBe(expected);
  });
});

describe('postToConnectionCommand', () => {
  it('fills in a deployed endpoint, its Region and the connectionId', () => {
    expect(
      postToConnectionCommand({
        endpoint: 'wss://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com/dev',
        connectionId: 'R1kmxc2VNjMCFIA=',
        data: 'hello from the CLI',
        local: false,
      }),
    ).toBe(
      [
        'aws apigatewaymanagementapi post-to-connection \\',
        '  --endpoint-url https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com/dev \\',
        '  --region ap-northeast-1 \\',
        "  --connection-id 'R1kmxc2VNjMCFIA=' \\",
        '  --cli-binary-format raw-in-base64-out \\',
        "  --data 'hello from the CLI'",
      ].join('\n'),
    );
  });

  it('adds dummy credentials and a region for the emulator', () => {
    expect(
      postToConnectionCommand({ endpoint: 'ws://localhost:3001/local', connectionId: 'R1kmxc2VNjMCFIA=', data: 'hi', local: true }),
    ).toBe(
      [
        'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\',
        'aws apigatewaymanagementapi post-to-connection \\',
        '  --endpoint-url http://localhost:3001/local \\',
        '  --region us-east-1 \\',
        "  --connection-id 'R1kmxc2VNjMCFIA=' \\",
        '  --cli-binary-format raw-in-base64-out \\',
        "  --data 'hi'",
      ].join('\n'),
    );
  });

  it('leaves the Region to the CLI for a custom domain', () => {
    expect(postToConnectionCommand({ endpoint: 'wss://ws.example.com/prod', connectionId: 'x=', data: 'd', local: false })).not.toContain(
      '--region',
    );
  });

  it('keeps data with quotes and shell characters as one word', () => {
    expect(postToConnectionCommand({ endpoint: 'ws://localhost:3001/local', connectionId: 'x=', data: `it's $HOME`, local: true })).toContain(
      `--data 'it'\\''s $HOME'`,
    );
  });
});
