/**
 * `npm run emulator -- [options]`: the local API Gateway WebSocket emulator for any Serverless
 * Framework service with Node handlers. Options are listed by --help.
 */
import { parseArgs } from 'node:util';
import { startLocalStack } from '../emulator/local-stack.ts';
import { describeStartupError, emulatorSettingsFrom, EMULATOR_CLI_OPTIONS, emulatorCliHelp, logLine, stopOnSignal } from './cli-support.ts';

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'sample-backend/serverless.yml' },
    ...EMULATOR_CLI_OPTIONS,
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- [options]

  --config <file>            serverless.yml to run (default sample-backend/serverless.yml)
${emulatorCliHelp(`provider.stage of the file, else dev;
                             \${opt:stage, 'dev'} gives dev`)}`);
  process.exit(0);
}

const settings = emulatorSettingsFrom(values);
try {
  const stack = await startLocalStack({ config: values.config, ...settings, log: logLine });
  console.log(`WebSocket API      ${stack.emulator.webSocketUrl}`);
  console.log(`@connections API   ${stack.emulator.managementUrl}/{connectionId}`);
  console.log(`Inspector feed     http://localhost:${new URL(stack.emulator.webSocketUrl).port}/_emulator/inspector`);
  console.log(`Serving ${stack.service.service} (${stack.service.functions.length} functions) from ${stack.service.file}. Ctrl+C stops.`);
  stopOnSignal(() => stack.close());
} catch (error) {
  console.error(describeStartupError(error, { port: settings.port, what: 'the emulator', flag: '--port', variable: 'WS_PORT' }));
  process.exit(1);
}
