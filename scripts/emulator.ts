/**
 * `npm run emulator -- [options]`: the local API Gateway WebSocket emulator for any Serverless
 * Framework service with Node handlers. Options are listed by --help.
 */
import { startLocalStack } from '../emulator/local-stack.ts';
import { describeStartupError, emulatorSettingsFrom, EMULATOR_CLI_OPTIONS, emulatorCliHelp, logLine, parseCommandLine, stopOnSignal } from './cli-support.ts';
import { invokeCommand } from './emulator-invoke.ts';
import { restartWithFewerMallocArenas } from './malloc-arenas.ts';

// `npm run emulator -- invoke <function> ...` talks to the emulator that is running, and ends.
if (process.argv[2] === 'invoke') {
  await invokeCommand(process.argv.slice(3));
  process.exit(0);
}

restartWithFewerMallocArenas();

const USAGE = `Usage: npm run emulator -- [options]
       npm run emulator -- invoke <function> --data '<json>'   (runs a function of the running emulator)

  --config <file>            serverless.yml to run (default sample-backend/serverless.yml)
  --template <file>          a SAM or CloudFormation template to run instead
  --param <Name=value>       a value for one of the template's Parameters, or for a serverless.yml
                             variable that lives in AWS: --param 'ssm:/app/key=value' (repeatable)
  --package <folder>         run the functions from the zips \`serverless package --package <folder>\`
                             made, each unpacked on its own as Lambda does, instead of from sources
${emulatorCliHelp(`provider.stage of the file, else dev;
                             \${opt:stage, 'dev'} gives dev`)}`;

const { values } = parseCommandLine(
  {
    options: {
      config: { type: 'string', default: 'sample-backend/serverless.yml' },
      template: { type: 'string' },
      param: { type: 'string', multiple: true },
      package: { type: 'string' },
      ...EMULATOR_CLI_OPTIONS,
      help: { type: 'boolean', default: false },
    },
  },
  USAGE,
);

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const settings = emulatorSettingsFrom(values);
const parameters: Record<string, string> = {};
for (const pair of values.param ?? []) {
  const equals = pair.indexOf('=');
  if (equals <= 0) {
    console.error(`--param takes Name=value, got "${pair}"`);
    process.exit(1);
  }
  parameters[pair.slice(0, equals)] = pair.slice(equals + 1);
}
try {
  const stack = await startLocalStack({ config: values.config, template: values.template, packageFolder: values.package, parameters, ...settings, log: logLine });
  console.log(`WebSocket API      ${stack.emulator.webSocketUrl}`);
  console.log(`@connections API   ${stack.emulator.managementUrl}/{connectionId}`);
  console.log(`Inspector feed     http://localhost:${new URL(stack.emulator.webSocketUrl).port}/_emulator/inspector`);
  console.log(`Local DynamoDB     ${stack.dynamoDb.endpoint}   (AWS_ENDPOINT_URL_DYNAMODB for your own scripts)`);
  const from = values.package ? `the zips in ${values.package}, unpacked` : stack.service.file;
  console.log(`Serving ${stack.service.service} (${stack.service.functions.length} functions) from ${from}. Ctrl+C stops.`);
  stopOnSignal(() => stack.close());
} catch (error) {
  console.error(describeStartupError(error, { port: settings.port, what: 'the emulator', flag: '--port', variable: 'WS_PORT' }));
  process.exit(1);
}
