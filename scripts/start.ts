/**
 * `npm start`: the whole tutorial on this machine, with no AWS account. Starts the emulator with the
 * sample backend (WebSocket API, @connections, Lambda workers, DynamoDB), a second emulated API for
 * the authentication lesson (serverless.auth.yml, whose `$connect` has an authorizer), and the
 * site, built for them (once per change, scripts/site-build.ts) and served as a static host would;
 * prints where they are, and stops them all on Ctrl+C.
 *
 * `npm run dev` (`--dev`) serves the site from Astro's dev server instead, which rebuilds pages as
 * their sources change: for editing the site itself, at the cost of about 450 MB more memory.
 *
 *   npm start -- --port 3001 --auth-port 3002 --site-port 4321     (or WS_PORT / AUTH_WS_PORT / SITE_PORT)
 */
import { createServer } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { startLocalStack } from '../emulator/local-stack.ts';
import { EMULATOR_DEFAULTS } from '../emulator/options.ts';
import {
  describeStartupError,
  emulatorCliHelp,
  EMULATOR_CLI_OPTIONS,
  emulatorSettingsFrom,
  isAddressInUse,
  logLine,
  parseCommandLine,
  portBusyMessage,
  stopOnSignal,
  type PortRole,
} from './cli-support.ts';
import { restartWithFewerMallocArenas } from './malloc-arenas.ts';
import { siteBuildFor } from './site-build.ts';
import { serveStaticSite } from './static-site-server.ts';

restartWithFewerMallocArenas();

const HOST = '127.0.0.1';

const USAGE = `Usage: npm start -- [options]

  --site-port <number>       tutorial site port (default 4321, or SITE_PORT)
  --auth-port <number>       the authentication lesson's API (default: --port + 1, or AUTH_WS_PORT)
  --dev                      serve the site from Astro's dev server, which follows edits to the site
                             (what \`npm run dev\` does); without it the site is built and served
${emulatorCliHelp(`${EMULATOR_DEFAULTS.stage}, the stage the tutorial's pages use`)}`;

const { values } = parseCommandLine(
  {
    options: {
      ...EMULATOR_CLI_OPTIONS,
      'site-port': { type: 'string', default: process.env.SITE_PORT ?? '4321' },
      // Default: the port after --port (0, "any free port", stays 0).
      'auth-port': { type: 'string', default: process.env.AUTH_WS_PORT },
      dev: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  },
  USAGE,
);

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

// The tutorial's pages and examples say `ws://localhost:3001/local`, whatever serverless.yml's stage is.
const settings = { ...emulatorSettingsFrom(values), stage: values.stage ?? EMULATOR_DEFAULTS.stage };
const emulatorRole: PortRole = { port: settings.port, what: 'the emulator', flag: '--port', variable: 'WS_PORT' };
const siteRole: PortRole = { port: Number(values['site-port']), what: 'the site', flag: '--site-port', variable: 'SITE_PORT' };
const authPort = values['auth-port'] === undefined ? (settings.port === 0 ? 0 : settings.port + 1) : Number(values['auth-port']);
const authRole: PortRole = { port: authPort, what: "the authentication lesson's API", flag: '--auth-port', variable: 'AUTH_WS_PORT' };
if (!Number.isInteger(authPort) || authPort < 0) {
  console.error(`--auth-port must be a port number, got "${values['auth-port']}"`);
  process.exit(1);
}

// Check every port before starting anything, so a busy port never leaves half a stack running.
for (const role of [emulatorRole, authRole, siteRole]) {
  if (role.port !== 0 && !(await isPortFree(role.port))) {
    console.error(portBusyMessage(role));
    process.exit(1);
  }
}

let stack;
try {
  stack = await startLocalStack({ config: 'sample-backend/serverless.yml', ...settings, host: HOST, log: logLine });
} catch (error) {
  console.error(describeStartupError(error, emulatorRole));
  process.exit(1);
}

let authStack;
try {
  // Same account and Region as the sample: it shares the sample's local DynamoDB.
  authStack = await startLocalStack({
    config: 'sample-backend/serverless.auth.yml', ...settings, port: authPort, host: HOST, log: (line) => logLine(`[auth API] ${line}`),
    sharedDynamoDb: stack.dynamoDb,
  });
} catch (error) {
  await stack.close();
  console.error(describeStartupError(error, authRole));
  process.exit(1);
}

// The site's widgets read their default endpoints from these variables at build time.
process.env.PUBLIC_WS_ENDPOINT = stack.emulator.webSocketUrl;
process.env.PUBLIC_AUTH_WS_ENDPOINT = authStack.emulator.webSocketUrl;
let site: { port: number; stop(): Promise<void> };
try {
  site = values.dev ? await startDevServer(siteRole.port) : await startBuiltSite(siteRole.port);
} catch (error) {
  await authStack.close();
  await stack.close();
  console.error(describeStartupError(error, siteRole));
  process.exit(1);
}

console.log(`
  Tutorial site      http://localhost:${site.port}/${values.dev ? '   (Astro dev server)' : ''}
  WebSocket API      ${stack.emulator.webSocketUrl}
  @connections API   ${stack.emulator.managementUrl}/{connectionId}
  With an authorizer ${authStack.emulator.webSocketUrl}?token=tutorial-token-alice   (the authentication lesson)

  Open the site and press Connect. Ctrl+C stops everything.
`);

stopOnSignal(async () => {
  await site.stop();
  await authStack.close();
  await stack.close();
});

/** Astro's dev server, loaded only when asked for: importing Astro alone costs tens of megabytes. */
async function startDevServer(port: number) {
  const { dev } = await import('astro');
  const server = await dev({
    root: process.cwd(),
    logLevel: 'warn',
    server: { host: HOST, port },
    vite: { server: { strictPort: true } },
  });
  return { port: server.address.port, stop: () => server.stop() };
}

async function startBuiltSite(port: number) {
  logLine('Building the tutorial site for these endpoints (only when its sources or endpoints changed since the last build)…');
  const build = await siteBuildFor(process.cwd(), join(process.cwd(), 'node_modules', '.cache', 'tutorial-site'), process.env);
  logLine(build.built ? `Built the site in ${(build.buildMs / 1000).toFixed(1)} s.` : 'Nothing changed since the last build: serving it again.');
  const server: Server = await serveStaticSite({ folder: build.folder, host: HOST, port });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A browser keeps its connections open: without this, Ctrl+C would wait for the tab to close.
        server.closeAllConnections();
      }),
  };
}

// The URLs say "localhost", which a browser may resolve to ::1 first: the port must be free on both.
async function isPortFree(port: number): Promise<boolean> {
  return (await canListen(port, HOST)) && (await canListen(port, '::1'));
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    // Any error other than "in use" (say, no IPv6 on this machine) does not make the port busy.
    probe.once('error', (error) => resolve(!isAddressInUse(error)));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
