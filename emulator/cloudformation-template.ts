/**
 * The adapter from a SAM or plain CloudFormation template to what the emulator runs, beside
 * `serverless-config.ts` for serverless.yml: the same `ServiceConfig`, so the rest of the emulator
 * does not know which file described the service.
 *
 * It reads the WebSocket API (`AWS::ApiGatewayV2::Api`, `RouteSelectionExpression`), its routes
 * (`Route` → `Integration` of type `AWS_PROXY` → a function; a `RouteResponse` or the route's
 * `RouteResponseSelectionExpression` makes it two-way), the `Stage`, a REQUEST `Authorizer` on
 * `$connect`, the functions (`AWS::Serverless::Function` with SAM's `Globals`, and
 * `AWS::Lambda::Function` with a local `Code` folder, or the bundled asset folder a `cdk synth`
 * template names in its metadata), the `AWS::DynamoDB::Table`s, and `Parameters`
 * with their defaults (or `--param`). Intrinsic functions are evaluated by
 * `cloudformation-functions.ts`; anything the emulator cannot use is an error naming the resource
 * and property.
 */
import { basename, dirname, resolve } from 'node:path';
import { checkIdentitySources } from './authorizer.ts';
import { CloudFormationFunctionError, evaluateIntrinsics, partitionOf, type StackResource, type StackValues } from './cloudformation-functions.ts';
import { LOCAL_ACCOUNT_ID } from './serverless-variables.ts';
import {
  DEFAULT_RUNTIME,
  findHandlerModule,
  optionalString,
  readEnvironment,
  readRuntime,
  readYaml,
  record,
  ServerlessConfigError,
  type ConnectAuthorizerConfig,
  type ServerlessFunction,
  type ServiceConfig,
  secondaryIndexes,
  type TableDefinition,
  type WebSocketRoute,
} from './serverless-config.ts';

export interface TemplateOptions {
  /** `--stage`; otherwise the template's `AWS::ApiGatewayV2::Stage`, otherwise `dev`. */
  stage?: string | undefined;
  /** Default: `AWS_REGION`, else `us-east-1`. */
  region?: string | undefined;
  /** Values for `Parameters`, over their defaults (`--param Name=value`). */
  parameters?: Record<string, string>;
  /** The emulated API's id, which `!Ref` of the API gives. */
  apiId?: string | undefined;
  env?: Record<string, string | undefined>;
}

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

// Lambda's own defaults when a template gives none (AWS::Lambda::Function and SAM alike).
const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
const LAMBDA_DEFAULT_MEMORY_MB = 128;

type Resource = { Type?: unknown; Properties?: unknown; Metadata?: unknown };

export function loadCloudFormationTemplate(file: string, options: TemplateOptions = {}): ServiceConfig {
  const path = resolve(file);
  const template = record(readYaml(path));
  const resources = record(template.Resources) as Record<string, Resource>;
  if (Object.keys(resources).length === 0) throw new ServerlessConfigError(`${path} has no Resources, so it describes nothing to run`);
  const env = options.env ?? process.env;
  const region = options.region ?? env.AWS_REGION ?? 'us-east-1';
  const fail = (where: string, problem: string): never => {
    throw new ServerlessConfigError(`${where}: ${problem} (in ${path})`);
  };
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  const apis = ofType('AWS::ApiGatewayV2::Api').filter(([, api]) => record(api.Properties).ProtocolType === 'WEBSOCKET');
  if (apis.length !== 1) {
    fail('Resources', apis.length === 0 ? 'no AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET' : `${apis.length} WebSocket APIs (${apis.map(([id]) => id).join(', ')}); the emulator runs one`);
  }
  const [apiLogicalId, api] = apis[0]!;
  const apiId = options.apiId ?? 'a1b2c3d4e5';
  const stackName = basename(dirname(path));

  // What Ref and Fn::GetAtt give, known before any property is evaluated.
  const known: Record<string, StackResource> = {};
  const { partition } = partitionOf(region);
  for (const [name, declared] of Object.entries(record(template.Parameters))) {
    const value = options.parameters?.[name] ?? record(declared).Default;
    if (value === undefined) fail(`Parameters.${name}`, 'has no Default; give it with --param ' + `${name}=<value>`);
    known[name] = { type: 'Parameter', ref: String(value), attributes: {} };
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::ApiGatewayV2::Api') {
      known[logicalId] = { type: 'AWS::ApiGatewayV2::Api', ref: apiId, attributes: { ApiId: apiId, ApiEndpoint: `wss://${apiId}.execute-api.${region}.amazonaws.com` } };
    } else if (FUNCTION_TYPES.has(String(resource.Type))) {
      const name = functionName(logicalId, resource);
      known[logicalId] = { type: String(resource.Type), ref: name, attributes: { Arn: `arn:${partition}:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}` } };
    } else if (String(resource.Type).startsWith('AWS::ApiGatewayV2::')) {
      // Routes, integrations, stages and authorizers are referred to by id; the logical id serves.
      known[logicalId] = { type: String(resource.Type), ref: logicalId, attributes: {} };
    }
  }
  const early: StackValues = { region, accountId: LOCAL_ACCOUNT_ID, stackName, resources: known, otherResources: typesOf(resources, known) };
  const evaluate = (value: unknown, where: string): unknown => {
    try {
      return evaluateIntrinsics(value, early, where);
    } catch (error) {
      if (error instanceof CloudFormationFunctionError) throw new ServerlessConfigError(`${error.message} (in ${path})`);
      throw error;
    }
  };
  const property = (logicalId: string, name: string): unknown => evaluate(record(resources[logicalId]?.Properties)[name], `Resources.${logicalId}.Properties.${name}`);

  // Tables first: functions' environments may refer to them.
  const tables = ofType('AWS::DynamoDB::Table').map(([logicalId]): TableDefinition => {
    const where = `Resources.${logicalId}.Properties`;
    const ttl = record(property(logicalId, 'TimeToLiveSpecification'));
    const keySchema = property(logicalId, 'KeySchema');
    const attributes = property(logicalId, 'AttributeDefinitions');
    if (!Array.isArray(keySchema) || keySchema.length === 0) fail(`${where}.KeySchema`, 'must be a non-empty list');
    if (!Array.isArray(attributes) || attributes.length === 0) fail(`${where}.AttributeDefinitions`, 'must be a non-empty list');
    return {
      logicalId,
      // Without a TableName, CloudFormation makes one from the stack and the logical id.
      TableName: optionalString(property(logicalId, 'TableName')) ?? `${stackName}-${logicalId}`,
      KeySchema: keySchema as TableDefinition['KeySchema'],
      AttributeDefinitions: attributes as TableDefinition['AttributeDefinitions'],
      TimeToLiveAttribute: ttl.Enabled === true ? optionalString(ttl.AttributeName) : undefined,
      ...secondaryIndexes({ GlobalSecondaryIndexes: property(logicalId, 'GlobalSecondaryIndexes'), LocalSecondaryIndexes: property(logicalId, 'LocalSecondaryIndexes') }),
    };
  });
  for (const table of tables) {
    known[table.logicalId] = { type: 'AWS::DynamoDB::Table', ref: table.TableName, attributes: { Arn: `arn:${partition}:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${table.TableName}` } };
  }
  early.otherResources = typesOf(resources, known);

  const globals = record(record(template.Globals).Function);
  const functionsByLogicalId = new Map<string, ServerlessFunction>();
  for (const [logicalId, resource] of Object.entries(resources).filter(([, resource]) => FUNCTION_TYPES.has(String(resource.Type)))) {
    const where = `Resources.${logicalId}.Properties`;
    const sam = resource.Type === 'AWS::Serverless::Function';
    const field = (name: string): unknown => property(logicalId, name) ?? (sam ? evaluate(globals[name], `Globals.Function.${name}`) : undefined);
    const handler = optionalString(field('Handler')) ?? fail(`${where}.Handler`, 'must be "file.export"');
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) fail(`${where}.Handler`, `must look like "path/to/file.exportName", got "${handler}"`);
    // A template `cdk synth` wrote names each function's bundled folder in its metadata; Code is in S3 there.
    const metadata = record(resource.Metadata);
    const cdkAsset = metadata['aws:asset:property'] === (sam ? 'CodeUri' : 'Code') ? optionalString(metadata['aws:asset:path']) : undefined;
    const code = cdkAsset ?? (sam ? field('CodeUri') : field('Code'));
    if (code !== undefined && typeof code !== 'string') {
      fail(`${where}.${sam ? 'CodeUri' : 'Code'}`, 'points to code elsewhere (S3, ZipFile or an image); the emulator runs code from a local folder');
    }
    const folder = resolve(dirname(path), (code as string | undefined) ?? '.');
    const environment = record(field('Environment')).Variables;
    const globalVariables = sam ? record(record(globals.Environment).Variables) : {};
    functionsByLogicalId.set(logicalId, {
      key: logicalId,
      name: functionName(logicalId, resource),
      handlerModule: findHandlerModule(resolve(folder, handler.slice(0, dot)), `${where}.Handler`, path),
      handlerExport: handler.slice(dot + 1),
      environment: {
        ...readEnvironment(globalVariables, 'Globals.Function.Environment.Variables', early, path),
        ...readEnvironment(environment, `${where}.Environment.Variables`, early, path),
      },
      runtime: readRuntime(optionalString(field('Runtime')) ?? DEFAULT_RUNTIME, `Resources.${logicalId}`, path),
      timeoutSeconds: Number(field('Timeout') ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS),
      memorySize: Number(field('MemorySize') ?? LAMBDA_DEFAULT_MEMORY_MB),
      routes: [],
    });
  }

  /** The function an integration or authorizer URI invokes: `arn:…:apigateway:…/functions/{function ARN}/invocations`, or the ARN itself. */
  const functionOf = (uri: unknown, where: string): ServerlessFunction => {
    const name = typeof uri === 'string' ? /:function:([^/:]+)/.exec(uri)?.[1] : undefined;
    const target = [...functionsByLogicalId.values()].find((fn) => fn.name === name);
    return target ?? fail(where, `${JSON.stringify(uri)} invokes no function of this template; the emulator runs only its own functions`);
  };
  const idOf = (value: unknown, where: string): string => (typeof value === 'string' ? value : fail(where, 'must be a Ref to a resource of this template'));
  const belongsToApi = (logicalId: string) => property(logicalId, 'ApiId') === apiId;

  const twoWayRoutes = new Set(
    ofType('AWS::ApiGatewayV2::RouteResponse')
      .filter(([logicalId]) => belongsToApi(logicalId) && property(logicalId, 'RouteResponseKey') === '$default')
      .map(([logicalId]) => idOf(property(logicalId, 'RouteId'), `Resources.${logicalId}.Properties.RouteId`)),
  );
  let connectAuthorizer: ConnectAuthorizerConfig | undefined;
  for (const [logicalId] of ofType('AWS::ApiGatewayV2::Route').filter(([id]) => belongsToApi(id))) {
    const where = `Resources.${logicalId}.Properties`;
    const routeKey = optionalString(property(logicalId, 'RouteKey')) ?? fail(`${where}.RouteKey`, 'must be a route key');
    const target = optionalString(property(logicalId, 'Target')) ?? fail(`${where}.Target`, 'must be "integrations/<integration id>"');
    const integrationId = /^integrations\/(.+)$/.exec(target)?.[1] ?? fail(`${where}.Target`, `must be "integrations/<integration id>", got "${target}"`);
    if (resources[integrationId]?.Type !== 'AWS::ApiGatewayV2::Integration') fail(`${where}.Target`, `${integrationId} is not an AWS::ApiGatewayV2::Integration of this template`);
    const integrationType = property(integrationId, 'IntegrationType');
    if (integrationType !== 'AWS_PROXY') fail(`Resources.${integrationId}.Properties.IntegrationType`, `is ${String(integrationType)}; the emulator runs Lambda proxy (AWS_PROXY) integrations only`);
    const fn = functionOf(property(integrationId, 'IntegrationUri'), `Resources.${integrationId}.Properties.IntegrationUri`);
    const route: WebSocketRoute = { routeKey, twoWay: twoWayRoutes.has(logicalId) || property(logicalId, 'RouteResponseSelectionExpression') !== undefined };
    fn.routes.push(route);

    const authorization = property(logicalId, 'AuthorizationType') ?? 'NONE';
    if (authorization === 'NONE') continue;
    if (authorization !== 'CUSTOM') fail(`${where}.AuthorizationType`, `is ${String(authorization)}; the emulator runs NONE and CUSTOM (a Lambda REQUEST authorizer)`);
    if (routeKey !== '$connect') fail(`${where}.AuthorizationType`, `API Gateway allows an authorizer only on the $connect route, not on ${routeKey}`);
    const authorizerId = idOf(property(logicalId, 'AuthorizerId'), `${where}.AuthorizerId`);
    const authorizerWhere = `Resources.${authorizerId}.Properties`;
    if (resources[authorizerId]?.Type !== 'AWS::ApiGatewayV2::Authorizer') fail(`${where}.AuthorizerId`, `${authorizerId} is not an AWS::ApiGatewayV2::Authorizer of this template`);
    if (property(authorizerId, 'AuthorizerType') !== 'REQUEST') fail(`${authorizerWhere}.AuthorizerType`, 'must be REQUEST, the only type WebSocket APIs have');
    const identitySource = property(authorizerId, 'IdentitySource') ?? [];
    if (!Array.isArray(identitySource) || !identitySource.every((source) => typeof source === 'string')) fail(`${authorizerWhere}.IdentitySource`, 'must be a list of strings');
    try {
      checkIdentitySources(identitySource as string[], `${authorizerWhere}.IdentitySource`);
    } catch (error) {
      fail(`${authorizerWhere}.IdentitySource`, (error as Error).message);
    }
    connectAuthorizer = { functionKey: functionOf(property(authorizerId, 'AuthorizerUri'), `${authorizerWhere}.AuthorizerUri`).key, identitySource: identitySource as string[] };
  }

  const stages = ofType('AWS::ApiGatewayV2::Stage').filter(([id]) => belongsToApi(id));
  const stage = options.stage ?? optionalString(stages[0] ? property(stages[0][0], 'StageName') : undefined) ?? 'dev';
  return {
    file: path,
    service: optionalString(evaluate(record(api.Properties).Name, `Resources.${apiLogicalId}.Properties.Name`)) ?? apiLogicalId,
    stage,
    region,
    routeSelectionExpression: optionalString(property(apiLogicalId, 'RouteSelectionExpression')) ?? '$request.body.action',
    functions: [...functionsByLogicalId.values()],
    tables,
    connectAuthorizer,
  };
}

/** The function's name: `FunctionName`, or the logical id (CloudFormation would add the stack name and a suffix). */
function functionName(logicalId: string, resource: Resource): string {
  return optionalString(record(resource.Properties).FunctionName) ?? logicalId;
}

/** The types of the resources Ref cannot give a value for, so that an error can say what they are. */
function typesOf(resources: Record<string, Resource>, known: Record<string, StackResource>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(resources)
      .filter(([logicalId]) => !(logicalId in known))
      .map(([logicalId, resource]) => [logicalId, String(resource.Type ?? 'resource')]),
  );
}
