/**
 * `npm run emulator -- invoke <function> [--data '<json>' | --path event.json] [--port 3001]`:
 * runs one function of the emulator that is running, with that event, and prints what it returned,
 * as `serverless invoke --function <name> --data <json>` does on AWS (`--function`/`-f`,
 * `--data`/`-d` and `--path`/`-p` are accepted too, so a README's command works with its
 * `serverless invoke` replaced). Exit status 1 when the function fails.
 */
import { readFileSync } from 'node:fs';
import { EMULATOR_DEFAULTS } from '../emulator/options.ts';
import { parseCommandLine, USAGE_ERROR_EXIT } from './cli-support.ts';

const USAGE = `Usage: npm run emulator -- invoke <function> [options]

  <function>, --function, -f <name>  the function's key under functions: (or its deployed name)
  --data, -d <json>                  the event, as JSON (default {})
  --path, -p <file>                  the event, from a JSON file
  --port <number>                    the running emulator's port (default ${EMULATOR_DEFAULTS.port}, or WS_PORT)`;

export async function invokeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(
    {
      args,
      allowPositionals: true,
      options: {
        function: { type: 'string', short: 'f' },
        data: { type: 'string', short: 'd' },
        path: { type: 'string', short: 'p' },
        port: { type: 'string', default: process.env.WS_PORT ?? String(EMULATOR_DEFAULTS.port) },
        help: { type: 'boolean', default: false },
      },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const name = values.function ?? positionals[0];
  if (!name || positionals.length > (values.function ? 0 : 1)) {
    console.error(`Name one function to invoke.\n\n${USAGE}`);
    process.exit(USAGE_ERROR_EXIT);
  }
  let event: string;
  try {
    event = values.path !== undefined ? readFileSync(values.path, 'utf8') : (values.data ?? '{}');
  } catch (error) {
    console.error(`Cannot read ${values.path}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const url = `http://127.0.0.1:${values.port}/_emulator/invoke/${encodeURIComponent(name)}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: event });
  } catch {
    console.error(`No emulator answered on port ${values.port}. Start it first (npm run emulator -- --config <serverless.yml>), or give its --port.`);
    process.exit(1);
  }
  const answer = (await response.json()) as { result?: unknown; errorType?: string; errorMessage?: string; message?: string };
  if (!response.ok) {
    console.error(answer.message ?? `The emulator answered ${response.status}.`);
    process.exit(1);
  }
  if (response.headers.get('x-amz-function-error')) {
    console.error(JSON.stringify({ errorType: answer.errorType, errorMessage: answer.errorMessage }, null, 2));
    process.exit(1);
  }
  console.log(JSON.stringify(answer.result, null, 2));
}
