/**
 * Everything `npm start` and `npm run emulator` need, wired together: the service read from
 * serverless.yml, a local DynamoDB with its tables, Lambda execution environments for each function,
 * hot reload of handler code, and the WebSocket API emulator routing to them.
 */
import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { dirname } from 'node:path';
import { createEmulator, type ConnectAuthorizerDefinition, type Emulator, type RouteDefinition } from './emulator.ts';
import type { DirectPorts } from './direct-sdk-transport.ts';
import { watchHandlers } from './handler-watcher.ts';
import type { InPageRequestTarget } from './in-page-sdk-handler.ts';
import { newApiId } from './ids.ts';
import { LambdaFunction, type FunctionLog } from './lambda-function.ts';
import { LOCAL_CREDENTIALS, startLocalDynamoDb, type LocalDynamoDb } from './local-dynamodb.ts';
import type { EmulatorSettings } from './options.ts';
import { serveRequests } from './port-requests.ts';
import { loadCloudFormationTemplate } from './cloudformation-template.ts';
import { partitionOf } from './cloudformation-functions.ts';
import { streamDelivery, streamRecorder } from './dynamodb-streams.ts';
import { runFromPackage } from './packaged-functions.ts';
import { LOCAL_ACCOUNT_ID } from './serverless-variables.ts';
import { loadServerlessConfig, type ServiceConfig, type TableDefinition } from './serverless-config.ts';

export interface LocalStackOptions extends Partial<Omit<EmulatorSettings, 'routeSelectionExpression' | 'stage'>> {
  /** Path of the service's serverless.yml, or give `template`. */
  config?: string | undefined;
  /** Path of a SAM or CloudFormation template to run instead of a serverless.yml. */
  template?: string | undefined;
  /**
   * A folder `serverless package --package <folder>` wrote: run each function from its zip, unpacked
   * outside the project as Lambda unpacks it, instead of from the service's sources. No hot reload.
   */
  packageFolder?: string | undefined;
  /** Values for the template's `Parameters`, over their defaults; for a serverless.yml, values of `${ssm:...}`, `${cf:...}` and `${s3:...}` variables (`{ 'ssm:/app/key': 'value' }`). */
  parameters?: Record<string, string>;
  /** `--stage`. Default: the file's `provider.stage`, else `dev`, as the Serverless Framework does. */
  stage?: string | undefined;
  /** Reload handler code when files under the service's folder change. Default true. */
  hotReload?: boolean;
  /** Where activity lines go. Default: nowhere. */
  log?: (line: string) => void;
  /** Variables every function sees on top of serverless.yml's, e.g. to raise a limit for a load test. Default: none. */
  environment?: Record<string, string>;
  /** How long a spare Lambda environment may stay idle before it is stopped. Default 60 s. */
  spareEnvironmentIdleMs?: number;
  /** How long a function's last warm environment may stay idle before it is stopped too (`--keep-warm`). Default 5 minutes. */
  lastEnvironmentIdleMs?: number;
  /**
   * Another stack's local DynamoDB, for a second service in the same account and Region (`npm start`
   * runs two): it creates its tables there, and close() leaves the store running. Default: a store of its own.
   */
  sharedDynamoDb?: LocalDynamoDb;
}

export interface LocalStack {
  service: ServiceConfig;
  emulator: Emulator;
  dynamoDb: LocalDynamoDb;
  functions: LambdaFunction[];
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { config, template, packageFolder, parameters, hotReload = true, log = () => {}, environment = {}, spareEnvironmentIdleMs, lastEnvironmentIdleMs, sharedDynamoDb, stage: stageOption, ...settings } = options;
  // Made here rather than by the emulator core: serverless.yml's `{ Ref: WebsocketsApi }` evaluates to it.
  const apiId = newApiId();
  const fromSources = template
    ? loadCloudFormationTemplate(template, { stage: stageOption, apiId, ...(parameters ? { parameters } : {}) })
    : loadServerlessConfig(config ?? 'serverless.yml', { stage: stageOption, apiId, ...(parameters ? { parameters } : {}) });
  const unpacked = packageFolder ? await runFromPackage(fromSources, packageFolder) : undefined;
  const service = unpacked?.service ?? fromSources;
  const { stage, region } = service;
  const dynamoDb = sharedDynamoDb ? await sharedDynamoDb.createTables(service.tables) : await startLocalDynamoDb(service.tables, region);
  const closeDynamoDb = async () => {
    if (!sharedDynamoDb) await dynamoDb.close();
    await unpacked?.remove();
  };

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
          AWS_REGION: region,
          AWS_DEFAULT_REGION: region,
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          // The SDKs read it: v2 prints no end-of-support note inside Lambda, v3 names the runtime in its user agent.
          AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
          AWS_LAMBDA_FUNCTION_NAME: fn.name,
          AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
          AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
          ...fn.environment,
          ...environment,
        },
      },
      {
        localEndpoints: () => ({ emulatorPort, apiId, region, dynamoDbEndpoint: dynamoDb.endpoint }),
        openDirectPorts: () => openDirectPorts(emulator.sdkCalls, dynamoDb),
        onLog,
        spareEnvironmentIdleMs,
        lastEnvironmentIdleMs,
      },
    );
    functions.push(lambda);
    for (const route of fn.routes) {
      routes[route.routeKey] = {
        twoWay: route.twoWay,
        functionName: fn.name,
        // Lambda's own request id is a UUID, unlike API Gateway's.
        handler: (event) => lambda.invoke(event, randomUUID()),
      };
    }
  }

  const { partition } = partitionOf(region);
  for (const [i, fn] of service.functions.entries()) {
    const lambda = functions[i] as LambdaFunction;
    for (const trigger of fn.streams ?? []) {
      const table = service.tables.find((candidate) => candidate.TableName === trigger.tableName) as TableDefinition;
      const record = streamRecorder(table, `arn:${partition}:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${table.TableName}`, region);
      const delivery = streamDelivery(trigger, fn.name, (event) => lambda.invoke(event, randomUUID()), log);
      dynamoDb.watchTable(trigger.tableName, (change) => delivery.add(record(change)));
    }
  }

  const connectAuthorizer = authorizerFor(service, functions);
  const emulator = createEmulator({
    ...settings, stage, apiId, routes, routeSelectionExpression: service.routeSelectionExpression, log,
    tables: dynamoDb, region: service.region, ...(connectAuthorizer ? { connectAuthorizer } : {}),
    lambdaEnvironments: () => Object.fromEntries(functions.map((fn) => [fn.definition.name, fn.environmentCount])),
    async invokeFunction(name, event) {
      const index = service.functions.findIndex((fn) => fn.key === name || fn.name === name);
      if (index === -1) return { found: false, names: service.functions.map((fn) => fn.key) };
      log(`invoke ${name}`);
      return { found: true, result: await (functions[index] as LambdaFunction).invoke(event, randomUUID()) };
    },
  });
  try {
    emulatorPort = (await emulator.listen()).port;
  } catch (error) {
    await closeDynamoDb();
    throw error;
  }

  const serviceFolder = dirname(service.file);
  const stopWatching = hotReload && !unpacked
    ? watchHandlers(serviceFolder, (files) => {
        for (const fn of functions) fn.reload();
        log(`reloaded handlers after a change to ${files.join(', ')}`);
      })
    : () => {};

  return {
    service,
    emulator,
    dynamoDb,
    functions,
    async close() {
      stopWatching();
      await emulator.close();
      await Promise.all(functions.map((fn) => fn.stop()));
      await closeDynamoDb();
    },
  };
}

/**
 * One environment's ports (direct-sdk-transport.ts): @connections answered here, on the gateway's
 * thread, and DynamoDB by the store's thread itself.
 */
function openDirectPorts(sdkCalls: InPageRequestTarget, dynamoDb: LocalDynamoDb): { forWorker: DirectPorts; close(): void } {
  const { port1: gatewayEnd, port2: management } = new MessageChannel();
  serveRequests(gatewayEnd, sdkCalls);
  // The environment's calls keep it busy, not this end: the process may exit while environments idle.
  gatewayEnd.unref();
  return { forWorker: { management, dynamoDb: dynamoDb.openDirectPort() }, close: () => gatewayEnd.close() };
}

/** The `$connect` authorizer serverless.yml names, run in that function's Lambda environments. */
function authorizerFor(service: ServiceConfig, functions: LambdaFunction[]): ConnectAuthorizerDefinition | undefined {
  const config = service.connectAuthorizer;
  if (!config) return undefined;
  const index = service.functions.findIndex((fn) => fn.key === config.functionKey);
  const lambda = functions[index]!;
  const functionName = service.functions[index]!.name;
  return { identitySource: config.identitySource, functionName, handler: (event) => lambda.invoke(event, randomUUID()) };
}
