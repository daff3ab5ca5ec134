/**
 * One service on the in-page emulator, as `npm start` runs it with real sockets (local-stack.ts):
 * the gateway on the in-page transport, routing to the service's Lambda handlers (in-page-lambda.ts),
 * its DynamoDB tables in dynalite's engine (dynalite-engine.ts) with their TTL swept, and the
 * AWS SDK of the handlers reaching both through the in-page request handler. The service comes
 * described from its serverless.yml at build time (in-page-bundle.ts); the handlers are the
 * bundled modules. No Node imports.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalTable } from './create-local-table.ts';
import type { ConnectAuthorizerDefinition, RouteDefinition } from './gateway.ts';
import { InPageRequestHandler } from './in-page-sdk-handler.ts';
import { createDynaliteEngine, type DynaliteEngine } from './dynalite-engine.ts';
import { inPageFunction } from './in-page-lambda.ts';
import { createInPageServer, type InPageServer } from './in-page-transport.ts';
import type { ConnectAuthorizerConfig, TableDefinition, WebSocketRoute } from './serverless-config.ts';
import { scanTable } from './table-scan.ts';
import { sweepExpiredItems } from './ttl-sweeper.ts';

/** What the in-page emulator needs to know of a service: serverless.yml, read at build time. */
export interface InPageServiceDescription {
  service: string;
  stage: string;
  region: string;
  apiId: string;
  /** The API's host name in the page: `ws://{host}/{stage}`. */
  host: string;
  routeSelectionExpression: string;
  /** `process.env` of every function: serverless.yml's variables and what the Lambda runtime sets. */
  environment: Record<string, string>;
  tables: TableDefinition[];
  functions: { key: string; name: string; handlerExport: string; timeoutSeconds: number; memorySize: number; routes: WebSocketRoute[] }[];
  connectAuthorizer: ConnectAuthorizerConfig | undefined;
}

/** Each function's handler module, by its key under `functions:`. */
export type HandlerLoaders = Record<string, () => Promise<Record<string, unknown>>>;

export interface InPageStack {
  server: InPageServer;
  dynamoDb: DynaliteEngine;
  close(): void;
}

/** How often expired items are swept, as on the Node emulator (local-dynamodb.ts). */
const TTL_SWEEP_MS = 30_000;

export async function startInPageStack(description: InPageServiceDescription, loaders: HandlerLoaders, log: (line: string) => void = () => {}): Promise<InPageStack> {
  // Handlers read their configuration from process.env at cold start, as on Lambda.
  Object.assign(process.env, description.environment);
  const dynamoDb = createDynaliteEngine();
  const tablesClient = new DynamoDBClient({
    region: description.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new InPageRequestHandler(dynamoDb),
  });
  for (const table of description.tables) await createLocalTable(tablesClient, table);

  const invokers = new Map(
    description.functions.map((fn) => {
      const load = loaders[fn.key];
      if (!load) throw new Error(`The in-page bundle has no handler module for function "${fn.key}"`);
      return [fn.key, inPageFunction({ ...fn, load })] as const;
    }),
  );
  const routes: Record<string, RouteDefinition> = {};
  for (const fn of description.functions) {
    const invoke = invokers.get(fn.key)!;
    for (const route of fn.routes) routes[route.routeKey] = { twoWay: route.twoWay, functionName: fn.name, handler: (event) => invoke(event, crypto.randomUUID()) };
  }
  const authorizer = description.connectAuthorizer;
  const connectAuthorizer: ConnectAuthorizerDefinition | undefined = authorizer && {
    identitySource: authorizer.identitySource,
    functionName: description.functions.find((fn) => fn.key === authorizer.functionKey)?.name,
    handler: (event) => invokers.get(authorizer.functionKey)!(event, crypto.randomUUID()),
  };

  const server = createInPageServer({
    stage: description.stage,
    apiId: description.apiId,
    region: description.region,
    host: description.host,
    routeSelectionExpression: description.routeSelectionExpression,
    routes,
    log,
    ...(connectAuthorizer ? { connectAuthorizer } : {}),
    tables: {
      tableNames: () => description.tables.map((table) => table.TableName),
      scanTable: (tableName, limit) => scanTable(tablesClient, tableName, limit),
    },
  });
  const sweeper = setInterval(() => {
    if (description.tables.some((table) => table.TimeToLiveAttribute)) void sweepExpiredItems(tablesClient, description.tables).catch(() => {});
  }, TTL_SWEEP_MS);
  return {
    server,
    dynamoDb,
    close() {
      clearInterval(sweeper);
      server.close();
    },
  };
}
