import { describe, expect, it } from 'vitest';
import { localPortRewrites, localPortsInLessons, withLocalPorts } from '../../site/integrations/local-ports.ts';

describe('localPortRewrites', () => {
  it.each([
    ['the default ports', { PUBLIC_WS_ENDPOINT: 'ws://localhost:3001/local', PUBLIC_AUTH_WS_ENDPOINT: 'ws://localhost:3002/local' }, []],
    ['other local ports', { PUBLIC_WS_ENDPOINT: 'ws://localhost:3101/local', PUBLIC_AUTH_WS_ENDPOINT: 'ws://127.0.0.1:3102/local' }, [['localhost:3001', 'localhost:3101'], ['localhost:3002', 'localhost:3102']]],
    ['a deployed endpoint', { PUBLIC_WS_ENDPOINT: 'wss://abc.execute-api.us-east-1.amazonaws.com/dev' }, []],
    ['nothing set (a published copy)', {}, []],
    ['not a URL', { PUBLIC_WS_ENDPOINT: 'nonsense' }, []],
  ])('%s', (_name, env, expected) => {
    expect(localPortRewrites(env)).toEqual(expected);
  });
});

describe('withLocalPorts', () => {
  const rewrites: [string, string][] = [['localhost:3001', 'localhost:3101'], ['localhost:3002', 'localhost:3102']];

  it('rewrites prose, code and links, and leaves other ports alone', () => {
    const lesson = 'Open [metering](http://localhost:3001/_emulator/metering), not localhost:30010.\n\n```sh\naws --endpoint-url http://localhost:3001/local  # auth: ws://localhost:3002/local\n```\n';
    expect(withLocalPorts(lesson, rewrites)).toBe(
      'Open [metering](http://localhost:3101/_emulator/metering), not localhost:30010.\n\n```sh\naws --endpoint-url http://localhost:3101/local  # auth: ws://localhost:3102/local\n```\n',
    );
  });

  it('is applied to .mdx modules only, and only when the site is built for other ports', () => {
    const plugin = localPortsInLessons({ PUBLIC_WS_ENDPOINT: 'ws://localhost:3101/local' });
    expect(plugin.transform('ws://localhost:3001/local', '/site/content/lessons/en/09-limits.mdx')).toBe('ws://localhost:3101/local');
    expect(plugin.transform('ws://localhost:3001/local', '/site/widgets/X.astro')).toBeUndefined();
    expect(localPortsInLessons({}).transform('ws://localhost:3001/local', '/a.mdx')).toBeUndefined();
  });
});
