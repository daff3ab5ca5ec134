/**
 * What an AWS SDK v3 client made by a handler in the in-page emulator starts with, where the Node
 * runtime would read the environment: the Region and credentials from `process.env` (the Lambda
 * runtime's variables, set by in-page-stack.ts), and a request handler that sends DynamoDB calls to
 * the in-page DynamoDB and this API's `@connections` calls to its in-page server. Whatever the
 * handler's code passes itself wins, as it does on AWS. The browser bundle (in-page-bundle.ts)
 * wraps each SDK client's browser runtime configuration with inPageClientConfig(): the SDK's own
 * extension point, with no change to the handlers.
 */
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import type { HttpRequest } from '@smithy/types';
import { InPageRequestHandler, type InPageRequestTarget } from './in-page-sdk-handler.ts';
import type { InPageServer } from './in-page-transport.ts';

interface InPageServices {
  dynamoDb: InPageRequestTarget;
  server: InPageServer;
  /** The API's host in the page, and its id (for `{apiId}.execute-api.{region}.amazonaws.com`). */
  host: string;
  apiId: string;
}

let services: InPageServices | undefined;

/** Called once the service is running, before any handler makes a client. */
export function useInPageServices(running: InPageServices): void {
  services = running;
}

/** `sdkPackage` is the client's package (`@aws-sdk/client-dynamodb`); `config` what the handler's code passed. */
export function inPageClientConfig<Config extends object>(sdkPackage: string, config: Config | undefined): Config {
  const env = process.env;
  const defaults = {
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local' },
    requestHandler: new InPageRequestHandler((request) => targetFor(sdkPackage, request), new FetchHttpHandler()),
  };
  return { ...defaults, ...config } as Config;
}

/** DynamoDB calls go to the in-page DynamoDB wherever the client points; calls to this API go to its server; the rest to the network. */
function targetFor(sdkPackage: string, request: HttpRequest): InPageRequestTarget | undefined {
  if (!services) return undefined;
  if (sdkPackage === '@aws-sdk/client-dynamodb') return services.dynamoDb;
  const { hostname } = request;
  if (hostname === services.host || hostname.startsWith(`${services.apiId}.execute-api.`)) return services.server;
  return undefined;
}
