/**
 * Everything `npm start` and `npm run emulator` need, wired together: the service read from
 * serverless.yml, a local DynamoDB with its tables, one warm worker per Lambda function,
 * and the WebSocket API emulator routing to them.
 */
import { randomUUID } from 'node:crypto';
import { createEmulator, type Emulator, type RouteDefinition } from './emulator.ts';
import { LambdaFunction, type FunctionLog } from './lambda-function.ts';
import { LOCAL_CREDENTIALS, startLocalDynamoDb } from './local-dynamodb.ts';
import { loadServerlessConfig, type ServiceConfig } from './serverless-config.ts';

export interface LocalStackOptions {
  /** Path of the service's serverless.yml. */
  config: string;
  /** Port for the WebSocket API and @connections; 0 picks a free one. Default 3001. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Stage name, the first path segment. Default `local`. */
  stage?: string;
  /** Where activity lines go. Default: nowhere. */
  log?: (line: string) => void;
}

export interface LocalStack {
  service: ServiceConfig;
  emulator: Emulator;
  /** The local DynamoDB endpoint the handlers use. */
  dynamoDbEndpoint: string;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stage = options.stage ?? 'local';
  const log = options.log ?? (() => {});
  const service = loadServerlessConfig(options.config, { stage });
  const dynamoDb = await startLocalDynamoDb(service.tables, service.region);

  let emulatorPort = 0;
  const onLog = ({ functionName, requestId, level, text }: FunctionLog) =>
    log(`[${functionName}]${requestId ? ` ${requestId}` : ''}${level === 'log' || level === 'info' ? '' : ` ${level.toUpperCase()}`} ${text}`);
  const functions: LambdaFunction[] = [];
  const routes: Record<string, RouteDefinition> = {};
  for (const fn of service.functions) {
    const lambda = new LambdaFunction(
      {
        ...fn,
        environment: {
          // What the Lambda runtime sets, pointed at local stand-ins.
          AWS_REGION: service.region,
          AWS_DEFAULT_REGION: service.region,
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          AWS_LAMBDA_FUNCTION_NAME: fn.name,
          AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
          AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
          ...fn.environment,
        },
      },
      { emulatorPort: () => emulatorPort, onLog },
    );
    functions.push(lambda);
    for (const route of fn.routes) {
      routes[route.routeKey] = { twoWay: route.twoWay, handler: (event) => lambda.invoke(event, randomUUID()) };
    }
  }

  const emulator = createEmulator({
    routes,
    routeSelectionExpression: service.routeSelectionExpression,
    stage,
    port: options.port ?? 3001,
    host: options.host ?? '127.0.0.1',
    log,
  });
  try {
    emulatorPort = (await emulator.listen()).port;
  } catch (error) {
    await dynamoDb.close();
    throw error;
  }

  return {
    service,
    emulator,
    dynamoDbEndpoint: dynamoDb.endpoint,
    async close() {
      await emulator.close();
      await Promise.all(functions.map((fn) => fn.stop()));
      await dynamoDb.close();
    },
  };
}
