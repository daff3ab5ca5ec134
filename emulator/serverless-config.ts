/**
 * The adapter from a Serverless Framework `serverless.yml` to what the emulator runs: functions
 * with their WebSocket routes, the route selection expression, and the DynamoDB tables to create.
 * The file that deploys is the file that runs locally.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { checkIdentitySources } from './authorizer.ts';
import { CloudFormationFunctionError, evaluateIntrinsics, partitionOf, type StackResource, type StackValues } from './cloudformation-functions.ts';
import { CLOUDFORMATION_TAGS } from './cloudformation-tags.ts';
import type { FunctionDefinition } from './lambda-function.ts';
import { streamArn } from './dynamodb-streams.ts';
import { BUNDLING_PLUGINS } from './handler-bundle.ts';
import { readPath } from './read-path.ts';
import { evaluateScriptConfig, SCRIPT_CONFIG_EXTENSIONS } from './script-config.ts';
import { fileReference, LOCAL_ACCOUNT_ID, needsAwsProblem, readIncludedFile, resolveVariables, type VariableSources } from './serverless-variables.ts';

export interface WebSocketRoute {
  routeKey: string;
  /** True when the route has `routeResponseSelectionExpression` (a two-way route). */
  twoWay: boolean;
}

export interface ServerlessFunction extends FunctionDefinition {
  /** The key under `functions:`. */
  key: string;
  routes: WebSocketRoute[];
  /** DynamoDB streams that invoke the function (`events: - stream:`). */
  streams?: StreamTrigger[];
}

/** `- stream: { type: dynamodb, arn: !GetAtt Table.StreamArn, batchSize }`: a table whose changes invoke the function. */
export interface StreamTrigger {
  tableName: string;
  /** Most records per invocation (Lambda's default for DynamoDB streams: 100). */
  batchSize: number;
}

/** The properties of an `AWS::DynamoDB::Table` resource that matter locally. */
export interface TableDefinition {
  logicalId: string;
  TableName: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  TimeToLiveAttribute: string | undefined;
  GlobalSecondaryIndexes?: SecondaryIndex[];
  LocalSecondaryIndexes?: SecondaryIndex[];
  /** `StreamSpecification.StreamViewType`: the table's changes go to its stream. */
  StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

export interface SecondaryIndex {
  IndexName: string;
  KeySchema: TableDefinition['KeySchema'];
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
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
  /** The emulated API's id, which `{ Ref: WebsocketsApi }` gives. Default `a1b2c3d4e5`. */
  apiId?: string | undefined;
  /** Local values for variables whose value is in AWS: `{ 'ssm:/app/key': 'value' }` (`--param`). */
  parameters?: Record<string, string>;
}

/** The logical id the Serverless Framework gives the WebSocket API (`AWS::ApiGatewayV2::Api`). */
export const WEBSOCKET_API_LOGICAL_ID = 'WebsocketsApi';

/** What the Serverless Framework deploys when neither the provider nor the function names a runtime (osls 4). */
export const DEFAULT_RUNTIME = 'nodejs24.x';

const HANDLER_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];

export class ServerlessConfigError extends Error {
  override name = 'ServerlessConfigError';
}

/** Reads and resolves `file`. Throws a `ServerlessConfigError` naming the key and file for anything it cannot use. */
export function loadServerlessConfig(file: string, options: LoadOptions = {}): ServiceConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ServerlessConfigError(`No ${extname(path) === '.ts' || extname(path) === '.js' ? 'Serverless configuration' : 'serverless.yml'} at ${path}`);
  const env = options.env ?? process.env;
  const rawOptions = { stage: options.stage, region: options.region };
  const parameters = options.parameters ?? {};
  let document: unknown;
  try {
    document = SCRIPT_CONFIG_EXTENSIONS.includes(extname(path)) ? evaluateScriptConfig(path) : readYaml(path);
  } catch (error) {
    if (error instanceof ServerlessConfigError) throw error;
    throw new ServerlessConfigError(`${path} could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
  }
  const raw = withResourcesMerged(document, path);
  const early: VariableSources = { document: raw, stage: 'dev', region: 'us-east-1', options: rawOptions, env, file: path, parameters };
  const stage = options.stage ?? optionalString(resolveVariables(readPath(raw, 'provider.stage'), early, 'provider.stage')) ?? 'dev';
  const region = options.region ?? optionalString(resolveVariables(readPath(raw, 'provider.region'), early, 'provider.region')) ?? 'us-east-1';
  const sources: VariableSources = { ...early, stage, region, options: { ...rawOptions, stage, region } };
  // Only the keys the emulator reads are resolved: a variable elsewhere (a deployment bucket from the
  // environment, say) matters to a deployment, not to running the handlers.
  const at = (keyPath: string): unknown => {
    const value = resolveVariables(readPath(raw, keyPath), sources, keyPath);
    const problem = needsAwsProblem(value, keyPath, path);
    if (problem) throw new ServerlessConfigError(problem);
    return value;
  };

  // `service: { name: ... }` is the framework's v1 form.
  const serviceValue = at('service');
  const service = requiredString(typeof serviceValue === 'object' ? record(serviceValue).name : serviceValue, 'service', path);
  const rawResources = record(readPath(raw, 'resources.Resources'));
  const tables = readTables(rawResources, at, path, `${service}-${stage}`);
  const stack = stackValues(options.apiId ?? 'a1b2c3d4e5', region, `${service}-${stage}`, tables, rawResources);
  // The serverless-pseudo-parameters plugin turns `#{AWS::Region}` into `${AWS::Region}` inside an Fn::Sub.
  const plugins = readPath(raw, 'plugins');
  const pseudoParameters = Array.isArray(plugins) && plugins.includes('serverless-pseudo-parameters');
  const environment = (value: unknown, where: string) => readEnvironment(pseudoParameters ? withPseudoParameters(value) : value, where, stack, path);
  const providerEnv = environment(at('provider.environment'), 'provider.environment');
  const providerRuntime = optionalString(at('provider.runtime')) ?? DEFAULT_RUNTIME;
  const providerTimeout = at('provider.timeout');
  const providerMemory = at('provider.memorySize');
  // A project that bundles its TypeScript for deployment gets it bundled here too (handler-bundle.ts).
  const bundles = Array.isArray(plugins) && plugins.some((plugin) => BUNDLING_PLUGINS.includes(String(plugin)));
  const bundle = bundles ? { format: record(readPath(raw, 'custom.esbuild')).format === 'esm' ? ('esm' as const) : ('cjs' as const) } : undefined;

  const functions = Object.keys(record(readPath(raw, 'functions'))).map((key): ServerlessFunction => {
    const where = `functions.${key}`;
    const field = (name: string): unknown => at(`${where}.${name}`);
    const handler = requiredString(field('handler'), `${where}.handler`, path);
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) throw new ServerlessConfigError(`${where}.handler in ${path} must look like "path/to/file.exportName", got "${handler}"`);
    const handlerModule = findHandlerModule(resolve(dirname(path), handler.slice(0, dot)), `${where}.handler`, path);
    return {
      key,
      name: optionalString(field('name')) ?? `${service}-${stage}-${key}`,
      handlerModule,
      handlerExport: handler.slice(dot + 1),
      ...(bundle && /\.[cm]?tsx?$/.test(handlerModule) ? { bundle } : {}),
      environment: { ...providerEnv, ...environment(field('environment'), `${where}.environment`) },
      runtime: readRuntime(optionalString(field('runtime')) ?? providerRuntime, where, path),
      timeoutSeconds: Number(field('timeout') ?? providerTimeout ?? 6),
      memorySize: Number(field('memorySize') ?? providerMemory ?? 1024),
      routes: readRoutes(field('events'), where, path),
      streams: readStreams(readPath(raw, `${where}.events`), tables, where, path),
    };
  });

  return {
    file: path,
    service,
    stage,
    region,
    routeSelectionExpression: optionalString(at('provider.websocketsApiRouteSelectionExpression')) ?? '$request.body.action',
    functions,
    tables,
    connectAuthorizer: readConnectAuthorizer(functions, (key) => at(`functions.${key}.events`), path),
  };
}

// The Serverless Framework's default identity source for a WebSocket authorizer (its websockets validate.js).
const DEFAULT_IDENTITY_SOURCE = ['route.request.header.Auth'];

/**
 * The `$connect` route's `authorizer`, in the forms the Serverless Framework accepts: a function
 * name, an ARN, or `{ name | arn, identitySource }`. An ARN must name one of this service's
 * functions, since the emulator runs no code but the service's. Only `$connect` may have one (§4).
 */
function readConnectAuthorizer(functions: ServerlessFunction[], eventsOf: (key: string) => unknown, file: string): ConnectAuthorizerConfig | undefined {
  let found: ConnectAuthorizerConfig | undefined;
  for (const { key } of functions) {
    const events = eventsOf(key);
    if (!Array.isArray(events)) continue;
    events.forEach((event, i) => {
      const websocket = record(record(event).websocket);
      if (websocket.authorizer === undefined) return;
      const where = `functions.${key}.events[${i}].websocket.authorizer`;
      const route = websocket.route ?? websocket.routeKey;
      if (route !== '$connect') {
        throw new ServerlessConfigError(`${where} in ${file}: API Gateway allows an authorizer only on the $connect route, not on ${String(route)}`);
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

/** Parses with CloudFormation's short tags; a tag nobody knows is an error rather than a plain string. */
export function readYaml(path: string): unknown {
  const document = parseDocument(readFileSync(path, 'utf8'), { customTags: CLOUDFORMATION_TAGS });
  const problem = document.errors[0] ?? document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  // The first line says what and where ("Unresolved tag: !Reff at line 5, column 8:"); the rest quotes the file.
  if (problem) throw new ServerlessConfigError(`${path} cannot be read: ${(problem.message.split('\n')[0] ?? '').replace(/:$/, '')}`);
  return document.toJS();
}

/** The resources environment values may refer to: the WebSocket API and the tables the emulator creates. */
function stackValues(apiId: string, region: string, stackName: string, tables: TableDefinition[], rawResources: Record<string, unknown>): StackValues {
  const resources: Record<string, StackResource> = {
    [WEBSOCKET_API_LOGICAL_ID]: {
      type: 'AWS::ApiGatewayV2::Api',
      ref: apiId,
      // CloudFormation's ApiEndpoint for a WebSocket API is the wss:// URL without the stage.
      attributes: { ApiId: apiId, ApiEndpoint: `wss://${apiId}.execute-api.${region}.amazonaws.com` },
    },
  };
  const { partition } = partitionOf(region);
  for (const table of tables) {
    const arn = `arn:${partition}:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${table.TableName}`;
    resources[table.logicalId] = { type: 'AWS::DynamoDB::Table', ref: table.TableName, attributes: { Arn: arn, ...(table.StreamViewType ? { StreamArn: streamArn(arn) } : {}) } };
  }
  const otherResources = Object.fromEntries(
    Object.entries(rawResources)
      .filter(([logicalId]) => !(logicalId in resources))
      .map(([logicalId, resource]) => [logicalId, optionalString(record(resource).Type) ?? 'resource']),
  );
  return { region, accountId: LOCAL_ACCOUNT_ID, stackName, resources, otherResources };
}

/** What the serverless-pseudo-parameters plugin does to a string holding `#{Name}`: an `Fn::Sub` of `${Name}`. */
function withPseudoParameters(value: unknown): unknown {
  if (typeof value === 'string') return /#\{[^}]+\}/.test(value) ? { 'Fn::Sub': value.replace(/#\{([^}]+)\}/g, '${$1}') } : value;
  if (Array.isArray(value)) return value.map(withPseudoParameters);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withPseudoParameters(item)]));
  return value;
}

/** `nodejs12.x` … `nodejs24.x`, or the older `nodejs8.10` form; the emulator runs Node.js handlers only. */
export function readRuntime(runtime: string, where: string, file: string): string {
  if (!/^nodejs\d+\.(x|\d+)$/.test(runtime)) {
    throw new ServerlessConfigError(`${where} in ${file} runs on ${runtime}; the emulator runs Node.js runtimes (nodejsNN.x) only`);
  }
  return runtime;
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
      // `routeKey` is what serverless-websockets-plugin, before the framework had WebSockets, called it.
      routeKey: requiredString(settings.route ?? settings.routeKey, `${where}.events[${i}].websocket.route`, file),
      twoWay: settings.routeResponseSelectionExpression !== undefined,
    }];
  });
}

function readTables(resources: Record<string, unknown>, at: (keyPath: string) => unknown, file: string, stackName: string): TableDefinition[] {
  return Object.entries(resources)
    .filter(([, resource]) => record(resource).Type === 'AWS::DynamoDB::Table')
    .map(([logicalId]) => {
      const where = `resources.Resources.${logicalId}.Properties`;
      const properties = record(at(where));
      const ttl = record(properties.TimeToLiveSpecification);
      const streamViewType = optionalString(record(properties.StreamSpecification).StreamViewType) as TableDefinition['StreamViewType'];
      return {
        logicalId,
        // Without a TableName, CloudFormation names the table after the stack and the logical id.
        TableName: optionalString(properties.TableName) ?? `${stackName}-${logicalId}`,
        KeySchema: requiredList(properties.KeySchema, `${where}.KeySchema`, file) as TableDefinition['KeySchema'],
        AttributeDefinitions: requiredList(properties.AttributeDefinitions, `${where}.AttributeDefinitions`, file) as TableDefinition['AttributeDefinitions'],
        TimeToLiveAttribute: ttl.Enabled === true ? optionalString(ttl.AttributeName) : undefined,
        ...secondaryIndexes(properties),
        ...(streamViewType ? { StreamViewType: streamViewType } : {}),
      };
    });
}

/** A table's `GlobalSecondaryIndexes` and `LocalSecondaryIndexes`, with what the store needs of them. */
export function secondaryIndexes(properties: Record<string, unknown>): Pick<TableDefinition, 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes'> {
  const read = (value: unknown): SecondaryIndex[] | undefined =>
    Array.isArray(value) && value.length > 0
      ? value.map((index) => ({ IndexName: String(record(index).IndexName), KeySchema: record(index).KeySchema as SecondaryIndex['KeySchema'], Projection: record(record(index).Projection) }))
      : undefined;
  const global = read(properties.GlobalSecondaryIndexes);
  const local = read(properties.LocalSecondaryIndexes);
  return { ...(global ? { GlobalSecondaryIndexes: global } : {}), ...(local ? { LocalSecondaryIndexes: local } : {}) };
}

/** `- stream: { type: dynamodb, arn: ... }` events, for tables of this service that have a stream. */
function readStreams(events: unknown, tables: TableDefinition[], where: string, file: string): StreamTrigger[] | undefined {
  if (!Array.isArray(events)) return undefined;
  const triggers = events.flatMap((event, i): StreamTrigger[] => {
    const stream = record(event).stream;
    if (stream === undefined) return [];
    const keyPath = `${where}.events[${i}].stream`;
    const settings = typeof stream === 'string' ? { arn: stream } : record(stream);
    if (settings.type !== undefined && settings.type !== 'dynamodb') {
      throw new ServerlessConfigError(`${keyPath} in ${file} is a ${String(settings.type)} stream; the emulator runs DynamoDB streams only`);
    }
    if (settings.enabled === false) return [];
    const arn = settings.arn;
    // `!GetAtt Table.StreamArn` names the table itself; a literal ARN names it after `table/`.
    const logicalId = record(arn)['Fn::GetAtt'] ? String((record(arn)['Fn::GetAtt'] as string[])[0]).split('.')[0] : undefined;
    const named = typeof arn === 'string' ? /:table\/([^/]+)\/stream\//.exec(arn)?.[1] : undefined;
    const table = tables.find((candidate) => candidate.logicalId === logicalId || candidate.TableName === named);
    if (!table) throw new ServerlessConfigError(`${keyPath}.arn in ${file} names no table of this service: the emulator runs streams of its own tables only`);
    if (!table.StreamViewType) throw new ServerlessConfigError(`${keyPath}.arn in ${file}: the table ${table.logicalId} has no StreamSpecification, so it has no stream`);
    return [{ tableName: table.TableName, batchSize: Number(settings.batchSize ?? 100) }];
  });
  return triggers.length > 0 ? triggers : undefined;
}

/**
 * `resources` as a list of fragments (`- ${file(./tables.yml)}`), which the framework merges into
 * one. The included files are read as they are: their variables resolve later, like the rest.
 */
function withResourcesMerged(raw: unknown, file: string): unknown {
  const resources = record(raw).resources;
  if (!Array.isArray(resources)) return raw;
  const merged: Record<string, Record<string, unknown>> = {};
  resources.forEach((fragment, i) => {
    const include = typeof fragment === 'string' ? fileReference(fragment) : undefined;
    if (typeof fragment === 'string' && !include) throw new ServerlessConfigError(`resources[${i}] in ${file} must be a \${file(...)} or an object, got "${fragment}"`);
    let value: unknown = fragment;
    if (include) {
      const included = readIncludedFile(include.path, include.address, file, `resources[${i}]`);
      if (included.value === undefined) throw new ServerlessConfigError(`resources[${i}] in ${file} includes ${included.file}, which does not exist or has nothing at ${include.address ?? 'its top'}`);
      value = included.value;
    }
    for (const [section, entries] of Object.entries(record(value))) merged[section] = { ...merged[section], ...record(entries) };
  });
  return { ...record(raw), resources: merged };
}

/**
 * Environment values are strings; CloudFormation functions in them (`{ Ref: WebsocketsApi }`,
 * `Fn::Join`, `Fn::Sub`, ...) are evaluated with this API's values, as CloudFormation would at deploy time.
 */
export function readEnvironment(value: unknown, where: string, stack: StackValues, file: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, item] of Object.entries(record(value))) {
    const keyPath = `${where}.${name}`;
    let evaluated: unknown;
    try {
      evaluated = evaluateIntrinsics(item, stack, keyPath);
    } catch (error) {
      if (error instanceof CloudFormationFunctionError) throw new ServerlessConfigError(`${error.message} (in ${file})`);
      throw error;
    }
    if (typeof evaluated !== 'string' && typeof evaluated !== 'number' && typeof evaluated !== 'boolean') {
      throw new ServerlessConfigError(`${keyPath}: ${JSON.stringify(evaluated)} is not a string, so it cannot be an environment variable (in ${file})`);
    }
    result[name] = String(evaluated);
  }
  return result;
}

export function findHandlerModule(base: string, where: string, file: string): string {
  for (const extension of HANDLER_EXTENSIONS) {
    if (existsSync(base + extension)) return base + extension;
  }
  throw new ServerlessConfigError(`${where} in ${file} points to ${base}, but no ${HANDLER_EXTENSIONS.join(', ')} file exists there`);
}

/** The value as an object's fields, or none when it is not a plain object. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value when it is a non-empty string. */
export function optionalString(value: unknown): string | undefined {
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
