/**
 * `npm run emulator -- [--config path/to/serverless.yml] [--port 3001] [--stage local]`
 * Runs the local API Gateway WebSocket emulator for any Serverless Framework service with Node handlers.
 */
import { parseArgs } from 'node:util';
import { startLocalStack } from '../emulator/local-stack.ts';
import { describeStartupError, logLine, stopOnSignal } from './cli-support.ts';

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'sample-backend/serverless.yml' },
    port: { type: 'string', default: process.env.WS_PORT ?? '3001' },
    stage: { type: 'string', default: 'local' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- [options]

  --config <file>   serverless.yml to run (default sample-backend/serverless.yml)
  --port <number>   port for WebSocket connections and @connections (default 3001, or WS_PORT)
  --stage <name>    stage name, the first path segment (default local)`);
  process.exit(0);
}

try {
  const stack = await startLocalStack({ config: values.config, port: Number(values.port), stage: values.stage, log: logLine });
  console.log(`WebSocket API      ${stack.emulator.webSocketUrl}`);
  console.log(`@connections API   ${stack.emulator.managementUrl}/{connectionId}`);
  console.log(`Serving ${stack.service.service} (${stack.service.functions.length} functions) from ${stack.service.file}. Ctrl+C stops.`);
  stopOnSignal(() => stack.close());
} catch (error) {
  console.error(describeStartupError(error, { port: Number(values.port), what: 'the emulator', flag: '--port', variable: 'WS_PORT' }));
  process.exit(1);
}
