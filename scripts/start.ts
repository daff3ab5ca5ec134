/**
 * `npm start`: the whole tutorial on this machine, with no AWS account. Starts the emulator with the
 * sample backend (WebSocket API, @connections, Lambda workers, DynamoDB) and the site's dev server,
 * prints where they are, and stops both on Ctrl+C.
 *
 *   npm start -- --port 3001 --site-port 4321     (or WS_PORT / SITE_PORT)
 */
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { dev } from 'astro';
import { startLocalStack } from '../emulator/local-stack.ts';
import { EMULATOR_DEFAULTS } from '../emulator/options.ts';
import {
  describeStartupError,
  emulatorCliHelp,
  EMULATOR_CLI_OPTIONS,
  emulatorSettingsFrom,
  isAddressInUse,
  logLine,
  portBusyMessage,
  stopOnSignal,
  type PortRole,
} from './cli-support.ts';

const HOST = '127.0.0.1';

const { values } = parseArgs({
  options: {
    ...EMULATOR_CLI_OPTIONS,
    'site-port': { type: 'string', default: process.env.SITE_PORT ?? '4321' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm start -- [options]

  --site-port <number>       tutorial site port (default 4321, or SITE_PORT)
${emulatorCliHelp(`${EMULATOR_DEFAULTS.stage}, the stage the tutorial's pages use`)}`);
  process.exit(0);
}

// The tutorial's pages and examples say `ws://localhost:3001/local`, whatever serverless.yml's stage is.
const settings = { ...emulatorSettingsFrom(values), stage: values.stage ?? EMULATOR_DEFAULTS.stage };
const emulatorRole: PortRole = { port: settings.port, what: 'the emulator', flag: '--port', variable: 'WS_PORT' };
const siteRole: PortRole = { port: Number(values['site-port']), what: 'the site', flag: '--site-port', variable: 'SITE_PORT' };

// Check both ports before starting anything, so a busy port never leaves half a stack running.
for (const role of [emulatorRole, siteRole]) {
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

// The site's widgets read their default endpoint from this variable at build time.
process.env.PUBLIC_WS_ENDPOINT = stack.emulator.webSocketUrl;
let site;
try {
  site = await dev({
    root: process.cwd(),
    logLevel: 'warn',
    server: { host: HOST, port: siteRole.port },
    vite: { server: { strictPort: true } },
  });
} catch (error) {
  await stack.close();
  console.error(describeStartupError(error, siteRole));
  process.exit(1);
}

console.log(`
  Tutorial site      http://localhost:${site.address.port}/
  WebSocket API      ${stack.emulator.webSocketUrl}
  @connections API   ${stack.emulator.managementUrl}/{connectionId}

  Open the site and press Connect. Ctrl+C stops everything.
`);

stopOnSignal(async () => {
  await site.stop();
  await stack.close();
});

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
