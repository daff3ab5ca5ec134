/**
 * The `aws apigatewaymanagementapi post-to-connection` command that sends data to one connection,
 * filled in for the reader's own endpoint and connectionId. Pure, so the tests can check the exact
 * command a reader copies.
 * Flags: https://docs.aws.amazon.com/cli/latest/reference/apigatewaymanagementapi/post-to-connection.html
 */
import { httpUrlOf } from './endpoint.ts';

export interface PostToConnectionCommandInput {
  /** The WebSocket endpoint the client connected to: `wss://{apiId}.execute-api.{region}.amazonaws.com/{stage}` or the emulator's `ws://localhost:3001/local`. */
  endpoint: string;
  connectionId: string;
  data: string;
  /** The local emulator: the CLI still wants credentials and a region, so dummy ones go in front. */
  local: boolean;
}

/** The `--endpoint-url` for @connections: the WebSocket URL with `https://` (or `http://`), stage included, no query. */
export function managementEndpointOf(endpoint: string): string {
  const url = new URL(httpUrlOf(endpoint));
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

/** The Region in an `execute-api` host name, or null (a custom domain, the emulator). */
export function regionOf(endpoint: string): string | null {
  try {
    return /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(new URL(endpoint).hostname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Quotes text as one POSIX shell word, in single quotes. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The region the emulator's command names; any works, because the emulator ignores signatures. */
const LOCAL_REGION = 'us-east-1';

/** The command, one flag per line, for bash and zsh. */
export function postToConnectionCommand({ endpoint, connectionId, data, local }: PostToConnectionCommandInput): string {
  // SigV4 signs for a Region; it must be the API's own, whatever the reader's default is.
  const region = local ? LOCAL_REGION : regionOf(endpoint);
  return [
    // No real credentials are needed, and none leak into the reader's shell: these apply to this command only.
    ...(local ? ['AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local'] : []),
    'aws apigatewaymanagementapi post-to-connection',
    `  --endpoint-url ${managementEndpointOf(endpoint)}`,
    ...(region ? [`  --region ${region}`] : []),
    `  --connection-id ${shellQuote(connectionId)}`,
    // AWS CLI v2 reads blob parameters such as --data as base64 unless told otherwise.
    '  --cli-binary-format raw-in-base64-out',
    `  --data ${shellQuote(data)}`,
  ].join(' \\\n');
}
