/**
 * The lessons say `localhost:3001` and `localhost:3002`, where `npm start` runs the sample's API and
 * the authentication lesson's by default. A site built for other ports (`npm start -- --port 3101`
 * builds it with PUBLIC_WS_ENDPOINT=ws://localhost:3101/local) gets those ports instead, in the text,
 * in code blocks and in links, so that a command copied from the page works as copied. It runs at
 * build time, on each lesson's source.
 */
const DEFAULT_PORTS = { sample: '3001', auth: '3002' };

type Env = Record<string, string | undefined>;
export type PortRewrite = [from: string, to: string];

/** What to rewrite for these endpoints: only local ones that are not on the default ports. */
export function localPortRewrites(env: Env): PortRewrite[] {
  const rewrites: PortRewrite[] = [];
  for (const [name, variable] of [['sample', 'PUBLIC_WS_ENDPOINT'], ['auth', 'PUBLIC_AUTH_WS_ENDPOINT']] as const) {
    const port = localPort(env[variable]);
    const usual = DEFAULT_PORTS[name];
    if (port && port !== usual) rewrites.push([`localhost:${usual}`, `localhost:${port}`]);
  }
  return rewrites;
}

function localPort(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint);
    return ['localhost', '127.0.0.1'].includes(url.hostname) ? url.port || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Rewrites `text` (an MDX lesson's source) for the ports the site is built for. */
export function withLocalPorts(text: string, rewrites: PortRewrite[]): string {
  // `localhost:3001` but not `localhost:30010`.
  return rewrites.reduce((result, [from, to]) => result.replace(new RegExp(`${from}(?!\\d)`, 'g'), to), text);
}

/**
 * A Vite plugin that applies it to every `.mdx` file before MDX compiles it, so that text, code
 * blocks and links all change. (Astro 7's Markdown processor, Sätteri, runs no rehype plugins.)
 */
export function localPortsInLessons(env: Env) {
  const rewrites = localPortRewrites(env);
  return {
    name: 'local-ports-in-lessons',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      return rewrites.length > 0 && /\.mdx($|\?)/.test(id) ? withLocalPorts(code, rewrites) : undefined;
    },
  };
}
