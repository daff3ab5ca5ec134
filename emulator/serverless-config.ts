/**
 * The adapter from a Serverless Framework `serverless.yml` to what the emulator runs: functions
 * with their WebSocket routes, the route selection expression, and the DynamoDB tables to create.
 * The file that deploys is the file that runs locally.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { checkIdentitySources } from './authorizer.ts';
import type { FunctionDefinition } from './lambda-function.ts';
import { resolveVariables } from './serverless-variables.ts';

export interface WebSocketRoute {
  routeKey: string;
  /** True when the route has `routeResponseSelectionExpression` (a two-way route). */
  twoWay: boolean;
}

export interface ServerlessFunction extends FunctionDefinition {
  /** The key under `functions:`. */
  key: string;
  routes: WebSocketRoute[];
}

/** The properties of an `AWS::DynamoDB::Table` resource that matter locally. */
export interface TableDefinition {
  logicalId: string;
  TableName: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  TimeToLiveAttribute: string | undefined;
}

/** `websocket: { route: $connect, authorizer: ... }`: which of the service's functions authorizes connections, and from what. */
export interface ConnectAuthorizerConfig {
  /** The key under `functions:` of the authorizer function. */
  functionKey: string;
  identitySource: string[];
}

export interface ServiceConfig {
  file: string;
  service: string;
  stage: string;
  region: string;
  routeSelectionExpression: string;
  functions: ServerlessFunction[];
  tables: TableDefinition[];
  connectAuthorizer: ConnectAuthorizerConfig | undefined;
}

export interface LoadOptions {
  /** `--stage`; otherwise `provider.stage`, otherwise `dev`, as the Serverless Framework does. */
  stage?: string | undefined;
  region?: string | undefined;
  env?: Record<string, string | undefined>;
}

const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

export class ServerlessConfigError extends Error {
  override name = 'ServerlessConfigError';
}

/** Reads and resolves `file`. Throws a `ServerlessConfigError` naming the key and file for anything it cannot use. */
export function loadServerlessConfig(file: string, options: LoadOptions = {}): ServiceConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ServerlessConfigError(`No serverless.yml at ${path}`);
  const raw: unknown = parse(readFileSync(path, 'utf8'));
  const env = options.env ?? process.env;
  const rawOptions = { stage: options.stage, region: options.region };
  const early = { document: raw, stage: 'dev', region: 'us-east-1', options: rawOptions, env, file: path };
  const rawProvider = record(record(raw).provider);
  const stage = options.stage ?? optionalString(resolveVariables(rawProvider.stage, early, 'provider.stage')) ?? 'dev';
  const region = options.region ?? optionalString(resolveVariables(rawProvider.region, early, 'provider.region')) ?? 'us-east-1';
  const doc = record(resolveVariables(raw, { ...early, stage, region, options: { ...rawOptions, stage, region } }));

  const service = requiredString(doc.service, 'service', path);
  const provider = record(doc.provider);
  const tables = readTables(record(record(doc.resources).Resources), path);
  const tableNames = new Map(tables.map((table) => [table.logicalId, table.TableName]));
  const providerEnv = readEnvironment(provider.environment, 'provider.environment', tableNames, path);

  const functions = Object.entries(record(doc.functions)).map(([key, value]): ServerlessFunction => {
    const fn = record(value);
    const where = `functions.${key}`;
    const handler = requiredString(fn.handler, `${where}.handler`, path);
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) throw new ServerlessConfigError(`${where}.handler in ${path} must look like "path/to/file.exportName", got "${handler}"`);
    return {
      key,
      name: optionalString(fn.name) ?? `${service}-${stage}-${key}`,
      handlerModule: findHandlerModule(resolve(dirname(path), handler.slice(0, dot)), `${where}.handler`, path),
      handlerExport: handler.slice(dot + 1),
      environment: { ...providerEnv, ...readEnvironment(fn.environment, `${where}.environment`, tableNames, path) },
      timeoutSeconds: Number(fn.timeout ?? provider.timeout ?? 6),
      memorySize: Number(fn.memorySize ?? provider.memorySize ?? 1024),
      routes: readRoutes(fn.events, where, path),
    };
  });

  return {
    file: path,
    service,
    stage,
    region,
    routeSelectionExpression: optionalString(provider.websocketsApiRouteSelectionExpression) ?? '$request.body.action',
    functions,
    tables,
    connectAuthorizer: readConnectAuthorizer(doc.functions, functions, path),
  };
}

// The Serverless Framework's default identity source for a WebSocket authorizer (its websockets validate.js).
const DEFAULT_IDENTITY_SOURCE = ['route.request.header.Auth'];

/**
 * The `$connect` route's `authorizer`, in the forms the Serverless Framework accepts: a function
 * name, an ARN, or `{ name | arn, identitySource }`. An ARN must name one of this service's
 * functions, since the emulator runs no code but the service's. Only `$connect` may have one (§4).
 */
function readConnectAuthorizer(rawFunctions: unknown, functions: ServerlessFunction[], file: string): ConnectAuthorizerConfig | undefined {
  let found: ConnectAuthorizerConfig | undefined;
  for (const [key, value] of Object.entries(record(rawFunctions))) {
    const events = record(value).events;
    if (!Array.isArray(events)) continue;
    events.forEach((event, i) => {
      const websocket = record(record(event).websocket);
      if (websocket.authorizer === undefined) return;
      const where = `functions.${key}.events[${i}].websocket.authorizer`;
      if (websocket.route !== '$connect') {
        throw new ServerlessConfigError(`${where} in ${file}: API Gateway allows an authorizer only on the $connect route, not on ${String(websocket.route)}`);
      }
      const setting = websocket.authorizer;
      const named = typeof setting === 'string' ? setting : (optionalString(record(setting).arn) ?? optionalString(record(setting).name));
      if (named === undefined) throw new ServerlessConfigError(`${where} in ${file} must be a function name, an ARN, or { name | arn, identitySource }`);
      const target = named.includes(':') ? functions.find((fn) => named.endsWith(`:function:${fn.name}`)) : functions.find((fn) => fn.key === named);
      if (!target) {
        throw new ServerlessConfigError(
          named.includes(':')
            ? `${where} in ${file} is ${named}, which is not a function of this service; the emulator can run only the service's own functions`
            : `${where} in ${file} names the function "${named}", but there is no functions.${named}`,
        );
      }
      const identitySource = typeof setting === 'string' ? DEFAULT_IDENTITY_SOURCE : (record(setting).identitySource ?? DEFAULT_IDENTITY_SOURCE);
      if (!Array.isArray(identitySource) || !identitySource.every((source) => typeof source === 'string')) {
        throw new ServerlessConfigError(`${where}.identitySource in ${file} must be a list of strings`);
      }
      try {
        checkIdentitySources(identitySource, `${where}.identitySource in ${file}`);
      } catch (error) {
        throw new ServerlessConfigError((error as Error).message);
      }
      found = { functionKey: target.key, identitySource };
    });
  }
  return found;
}

function readRoutes(events: unknown, where: string, file: string): WebSocketRoute[] {
  if (events === undefined) return [];
  if (!Array.isArray(events)) throw new ServerlessConfigError(`${where}.events in ${file} must be a list`);
  return events.flatMap((event, i): WebSocketRoute[] => {
    const websocket = record(event).websocket;
    if (websocket === undefined) return [];
    // Both `websocket: $default` and `websocket: { route: $default }` are valid.
    if (typeof websocket === 'string') return [{ routeKey: websocket, twoWay: false }];
    const settings = record(websocket);
    return [{
      routeKey: requiredString(settings.route, `${where}.events[${i}].websocket.route`, file),
      twoWay: settings.routeResponseSelectionExpression !== undefined,
    }];
  });
}

function readTables(resources: Record<string, unknown>, file: string): TableDefinition[] {
  return Object.entries(resources)
    .filter(([, resource]) => record(resource).Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, resource]) => {
      const properties = record(record(resource).Properties);
      const where = `resources.Resources.${logicalId}.Properties`;
      const ttl = record(properties.TimeToLiveSpecification);
      return {
        logicalId,
        TableName: requiredString(properties.TableName, `${where}.TableName`, file),
        KeySchema: requiredList(properties.KeySchema, `${where}.KeySchema`, file) as TableDefinition['KeySchema'],
        AttributeDefinitions: requiredList(properties.AttributeDefinitions, `${where}.AttributeDefinitions`, file) as TableDefinition['AttributeDefinitions'],
        TimeToLiveAttribute: ttl.Enabled === true ? optionalString(ttl.AttributeName) : undefined,
      };
    });
}

/** Environment values are strings; `{ Ref: SomeTable }` becomes that table's name, as CloudFormation does. */
function readEnvironment(value: unknown, where: string, tableNames: Map<string, string>, file: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, item] of Object.entries(record(value))) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      result[name] = String(item);
      continue;
    }
    const ref = record(item).Ref;
    const table = typeof ref === 'string' ? tableNames.get(ref) : undefined;
    if (table === undefined) {
      throw new ServerlessConfigError(`${where}.${name} in ${file} is ${JSON.stringify(item)}, which the emulator cannot evaluate (it understands strings and { Ref: <a DynamoDB table> })`);
    }
    result[name] = table;
  }
  return result;
}

function findHandlerModule(base: string, where: string, file: string): string {
  for (const extension of HANDLER_EXTENSIONS) {
    if (existsSync(base + extension)) return base + extension;
  }
  throw new ServerlessConfigError(`${where} in ${file} points to ${base}, but no ${HANDLER_EXTENSIONS.join(', ')} file exists there`);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function requiredString(value: unknown, where: string, file: string): string {
  if (typeof value !== 'string' || value === '') throw new ServerlessConfigError(`${where} in ${file} must be a non-empty string`);
  return value;
}

function requiredList(value: unknown, where: string, file: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new ServerlessConfigError(`${where} in ${file} must be a non-empty list`);
  return value;
}
