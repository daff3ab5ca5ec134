import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { describeDeployedSample, type Resource, type Template } from '../support/deployed-sample-assertions.ts';

// `serverless package` (osls) offline, assertions on the CloudFormation it would deploy, and the
// bundles it made, unpacked and loaded as Lambda's Node.js runtime loads them, driven on the emulator.
interface Packaged {
  folder: string;
  resources: Record<string, Resource>;
  outputs: Record<string, unknown>;
}

async function packageService(config: string): Promise<Packaged> {
  const folder = await mkdtemp(join(tmpdir(), 'sample-package-'));
  await promisify(execFile)(resolve('node_modules/.bin/serverless'), ['package', '--config', config, '--stage', 'ci', '--region', 'eu-west-1', '--package', folder], {
    cwd: resolve('sample-backend'),
    // Packaging needs no AWS account: make sure none is used.
    env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', SLS_TELEMETRY_DISABLED: '1' },
  });
  const template = JSON.parse(await readFile(join(folder, 'cloudformation-template-update-stack.json'), 'utf8')) as {
    Resources: Record<string, Resource>;
    Outputs: Record<string, unknown>;
  };
  return { folder, resources: template.Resources, outputs: template.Outputs };
}

let folder: string;
let resources: Record<string, Resource>;
let outputs: Record<string, unknown>;
let auth: Packaged;

beforeAll(async () => {
  // One after the other: each packaging bundles with esbuild on both cores.
  ({ folder, resources, outputs } = await packageService('serverless.yml'));
  auth = await packageService('serverless.auth.yml');
}, 180_000);

afterAll(async () => {
  for (const made of [folder, auth?.folder]) if (made) await rm(made, { recursive: true, force: true });
});


describeDeployedSample('osls, from serverless.yml', () => ({ Resources: resources, Outputs: outputs as Template['Outputs'] }), 'ci');

describe('what only the serverless.yml deployment has', () => {
  it("uses no framework-made default role (it would allow ManageConnections on every API in the account)", () => {
    expect(resources).not.toHaveProperty('IamRoleLambdaExecution');
  });

  it('bundles each handler small, with the AWS SDK left to the runtime', async () => {
    const zips = (await readdir(folder)).filter((file) => file.endsWith('.zip'));
    expect(zips).toHaveLength(9);
    for (const zip of zips) expect((await stat(join(folder, zip))).size).toBeLessThan(10 * 1024);
  });
});

describe("the authentication lesson's API as CloudFormation", () => {
  const ofAuthType = (type: string) => Object.values(auth.resources).filter((resource) => resource.Type === type);

  it('is a WebSocket API of its own', () => {
    expect(ofAuthType('AWS::ApiGatewayV2::Api').map((api) => api.Properties)).toEqual([
      expect.objectContaining({ ProtocolType: 'WEBSOCKET', Name: 'apigw-websocket-tutorial-auth-ci' }),
    ]);
  });

  it('has a Lambda REQUEST authorizer reading the token query parameter', () => {
    const authorizers = ofAuthType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.Properties).toMatchObject({ AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.token'] });
    expect(JSON.stringify(authorizers[0]?.Properties.AuthorizerUri)).toContain('"AuthorizeLambdaFunction","Arn"');
  });

  it('guards $connect with it, and only $connect', () => {
    const routes = ofAuthType('AWS::ApiGatewayV2::Route');
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(['$connect', '$default']);
    const authorizerId = Object.entries(auth.resources).find(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Authorizer')?.[0];
    for (const route of routes) {
      if (route.Properties.RouteKey === '$connect') {
        expect(route.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(route.Properties.AuthorizationType).toBe('NONE');
      }
    }
  });

  it('lets API Gateway invoke the authorizer and the functions, for this API only', () => {
    const permissions = ofAuthType('AWS::Lambda::Permission').map((permission) => permission.Properties);
    expect(permissions).toContainEqual(
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', FunctionName: { 'Fn::GetAtt': ['AuthorizeLambdaFunction', 'Arn'] } }),
    );
    expect(permissions).toHaveLength(3);
    for (const permission of permissions) expect(JSON.stringify(permission.SourceArn)).toContain('{"Ref":"WebsocketsApi"},"/*"');
  });

  it('answers $default as a two-way route and takes allowed origins from the deploying shell', () => {
    const defaultRoute = ofAuthType('AWS::ApiGatewayV2::Route').find((route) => route.Properties.RouteKey === '$default');
    expect(defaultRoute?.Properties.RouteResponseSelectionExpression).toBe('$default');
    for (const fn of ofAuthType('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment).toEqual({ Variables: { ALLOWED_ORIGINS: '' } });
    }
  });

  it('grants its functions nothing beyond their own logs', () => {
    expect(auth.resources).not.toHaveProperty('IamRoleLambdaExecution');
    for (const fn of ofAuthType('AWS::Lambda::Function')) expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': ['AuthLambdaRole', 'Arn'] });
    const statements = ofAuthType('AWS::IAM::Role').flatMap(
      (role) => (role.Properties.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[]).flatMap((policy) => policy.PolicyDocument.Statement),
    );
    expect(statements.flatMap((statement) => statement.Action)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(statements[0]).toMatchObject({ Resource: ['AuthorizeLogGroup', 'ConnectLogGroup', 'DefaultLogGroup'].map((group) => ({ 'Fn::GetAtt': [group, 'Arn'] })) });
    for (const fn of ofAuthType('AWS::Lambda::Function')) expect(fn.Properties.Runtime).toBe('nodejs24.x');
  });

  it("outputs its wss:// URL, with the partition's DNS suffix", () => {
    expect(JSON.stringify(auth.outputs.WebSocketUrl)).toContain('"wss://"');
    expect(JSON.stringify(auth.outputs.WebSocketUrl)).toContain('{"Ref":"AWS::URLSuffix"},"/ci"');
  });
});

/** A connected client that queues what it receives. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  const inbox: string[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    inbox.push(data.toString('utf8'));
    for (const wake of waiters.splice(0)) wake();
  });
  await once(socket, 'open');
  return {
    socket,
    async ask(message: string): Promise<Record<string, unknown>> {
      socket.send(message);
      return this.next();
    },
    async next(): Promise<Record<string, unknown>> {
      while (inbox.length === 0) await new Promise<void>((wake) => waiters.push(wake));
      return JSON.parse(inbox.shift() as string) as Record<string, unknown>;
    },
  };
}

const wsUrlOf = (stack: LocalStack) => `ws://127.0.0.1:${new URL(stack.emulator.webSocketUrl).port}/ci`;

describe('the packaged bundles, each unpacked on its own and loaded as Lambda loads them', () => {
  let stack: LocalStack;
  let logs: string[];
  beforeAll(async () => {
    logs = [];
    stack = await startLocalStack({ config: 'sample-backend/serverless.yml', packageFolder: folder, stage: 'ci', port: 0, log: (line) => logs.push(line) });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('runs every function from its unpacked .mjs outside the project', () => {
    for (const fn of stack.service.functions) {
      expect(fn.handlerModule).toMatch(new RegExp(`^${tmpdir()}/emulator-package-[^/]+/${fn.key}/handlers/${fn.key}\\.mjs$`));
    }
  });

  it('answers every route, with the AWS SDK from the runtime only', async () => {
    const client = await connect(wsUrlOf(stack));
    const whoami = await client.ask('{"action":"whoami"}');
    expect(whoami).toMatchObject({ type: 'whoami', connectionId: expect.any(String) });
    expect(await client.ask('{"action":"time"}')).toMatchObject({ type: 'time' });
    expect(await client.ask('hello')).toMatchObject({ type: 'echo' });
    expect(await client.ask('{"action":"broadcast","message":"from the bundle"}')).toMatchObject({ type: 'broadcast', message: 'from the bundle' });
    expect(await client.next()).toMatchObject({ type: 'broadcast-result', sent: 1 });
    const inspect = await client.ask('{"action":"inspect"}');
    expect(JSON.stringify(inspect)).toContain('$connect');
    expect(await client.ask('{"action":"push"}')).toMatchObject({ type: 'push' });
    client.socket.close(1000);
    await once(client.socket, 'close');
    expect(logs.join('\n')).not.toMatch(/ERROR|Cannot find/);
  }, 30_000);
});

describe('a broken bundle fails as it would on AWS, and the rest keeps working', () => {
  let broken: string;
  let stack: LocalStack;
  let logs: string[];
  beforeAll(async () => {
    broken = await mkdtemp(join(tmpdir(), 'broken-package-'));
    await cp(folder, broken, { recursive: true });
    // whoami's bundle imports a package the bundler was told to leave out and the runtime does not have.
    const zip = new JSZip();
    zip.file('handlers/whoami.mjs', "import pad from 'left-pad';\nexport const handler = async () => ({ statusCode: 200, body: pad('x', 3) });\n");
    await writeFile(join(broken, 'whoami.zip'), await zip.generateAsync({ type: 'nodebuffer' }));
    logs = [];
    stack = await startLocalStack({ config: 'sample-backend/serverless.yml', packageFolder: broken, stage: 'ci', port: 0, log: (line) => logs.push(line) });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await rm(broken, { recursive: true, force: true });
  });

  it('answers the broken route with API Gateway\'s error and logs why; other routes still answer', async () => {
    const client = await connect(wsUrlOf(stack));
    expect(await client.ask('{"action":"whoami"}')).toMatchObject({ message: 'Internal server error' });
    await expect.poll(() => logs.join('\n')).toContain("Cannot find package 'left-pad'");
    expect(await client.ask('{"action":"time"}')).toMatchObject({ type: 'time' });
    client.socket.close(1000);
  }, 30_000);

  it('refuses to start when a zip lacks its handler, naming the zip', async () => {
    const lacking = await mkdtemp(join(tmpdir(), 'lacking-package-'));
    try {
      await cp(folder, lacking, { recursive: true });
      const zip = new JSZip();
      zip.file('handlers/other.mjs', 'export const handler = async () => ({ statusCode: 200 });\n');
      await writeFile(join(lacking, 'ping.zip'), await zip.generateAsync({ type: 'nodebuffer' }));
      await expect(startLocalStack({ config: 'sample-backend/serverless.yml', packageFolder: lacking, stage: 'ci', port: 0 })).rejects.toThrow(
        /functions\.ping\.handler \(in .*ping\.zip\).*no .*\.mjs.* file exists there/,
      );
      await writeFile(join(lacking, 'ping.zip'), 'not a zip');
      await expect(startLocalStack({ config: 'sample-backend/serverless.yml', packageFolder: lacking, stage: 'ci', port: 0 })).rejects.toThrow(/ping\.zip is not a zip file that can be read/);
    } finally {
      await rm(lacking, { recursive: true, force: true });
    }
  });
});

describe("the authentication lesson's bundles, unpacked", () => {
  it('run its authorizer: a good token connects, a bad one is refused', async () => {
    const stack = await startLocalStack({ config: 'sample-backend/serverless.auth.yml', packageFolder: auth.folder, stage: 'ci', port: 0 });
    try {
      const url = wsUrlOf(stack);
      const client = await connect(`${url}?token=tutorial-token-alice`);
      expect(await client.ask('hello')).toMatchObject({ type: 'identity', authorizer: { principalId: expect.stringContaining('alice') } });
      client.socket.close(1000);
      const refused = new WebSocket(`${url}?token=wrong`);
      const [, response] = (await once(refused, 'unexpected-response')) as [unknown, { statusCode: number }];
      expect(response.statusCode).toBe(401);
    } finally {
      await stack.close();
    }
  }, 30_000);
});

describe('one serverless.yml for osls and Serverless Framework v4', () => {
  it.each(['serverless.yml', 'serverless.auth.yml'])('%s turns v4\'s own bundler off, as v4 requires beside serverless-esbuild', async (config) => {
    // v4 refuses serverless-esbuild with PLUGIN_TYPESCRIPT_CONFLICT unless `build.esbuild` is false
    // (packages/serverless/lib/classes/plugin-manager.js in serverless/serverless).
    const { parse } = await import('yaml');
    const file = parse(await readFile(resolve('sample-backend', config), 'utf8')) as { build?: { esbuild?: unknown }; plugins: string[] };
    expect(file.build?.esbuild).toBe(false);
    expect(file.plugins).toEqual(['serverless-esbuild', './plugins/accept-v4-build-key.cjs']);
  });

  it('teaches osls the `build` key, and leaves a schema that has one (v4) alone', async () => {
    const { default: AcceptV4BuildKey } = (await import(resolve('sample-backend/plugins/accept-v4-build-key.cjs'))) as { default: new (serverless: unknown) => unknown };
    const defined: [string, unknown][] = [];
    const schemaHandler = (properties: Record<string, unknown>) => ({ schema: { properties }, defineTopLevelProperty: (name: string, schema: unknown) => defined.push([name, schema]) });
    new AcceptV4BuildKey({ configSchemaHandler: schemaHandler({}) });
    expect(defined).toEqual([['build', expect.objectContaining({ properties: { esbuild: { const: false } } })]]);
    new AcceptV4BuildKey({ configSchemaHandler: schemaHandler({ build: {} }) });
    expect(defined).toHaveLength(1);
  });
});

describe('sample-backend/deployer-policy.json, the deploying user\'s permissions', () => {
  interface Statement {
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
  }
  let statements: Statement[];
  beforeAll(async () => {
    statements = (JSON.parse(await readFile(resolve('sample-backend/deployer-policy.json'), 'utf8')) as { Statement: Statement[] }).Statement;
  });

  /** IAM's wildcards: `*` any run of characters, `?` one. */
  const matches = (pattern: string, value: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(value);
  const allows = (action: string, resource: string) =>
    statements.some(
      (statement) =>
        statement.Effect === 'Allow' &&
        [statement.Action].flat().some((pattern) => matches(pattern, action)) &&
        [statement.Resource].flat().some((pattern) => matches(pattern, resource)),
    );

  const ACCOUNT = '123456789012';
  const REGION = 'eu-west-1';
  /** What creating each resource type needs, on the ARN such a resource of stack `stack` gets. */
  const needs = (type: string, properties: Record<string, unknown>, logicalId: string, stack: string): [string, string][] => {
    const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${stack}-fn`;
    switch (type) {
      case 'AWS::Lambda::Function':
        return ['lambda:CreateFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode', 'lambda:DeleteFunction'].map((action) => [action, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${String(properties.FunctionName)}`]);
      case 'AWS::Lambda::Permission':
        return [['lambda:AddPermission', functionArn], ['lambda:RemovePermission', functionArn]];
      case 'AWS::Lambda::Version':
        return [['lambda:PublishVersion', functionArn]];
      case 'AWS::IAM::Role': {
        // CloudFormation names a role `{stack}-{logicalId}-{random}`.
        const role = `arn:aws:iam::${ACCOUNT}:role/${stack}-${logicalId}-AbC123`;
        return [['iam:CreateRole', role], ['iam:PutRolePolicy', role], ['iam:PassRole', role], ['iam:DeleteRole', role]];
      }
      case 'AWS::DynamoDB::Table':
        return ['dynamodb:CreateTable', 'dynamodb:DescribeTable', 'dynamodb:UpdateTimeToLive', 'dynamodb:DeleteTable'].map((action) => [action, `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${String(properties.TableName)}`]);
      case 'AWS::Logs::LogGroup':
        return ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteLogGroup'].map((action) => [action, `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${String(properties.LogGroupName)}`]);
      case 'AWS::S3::Bucket':
      case 'AWS::S3::BucketPolicy': {
        const bucket = `arn:aws:s3:::${stack.toLowerCase()}-serverlessdeploymentbucket-abc123`;
        return [['s3:CreateBucket', bucket], ['s3:PutEncryptionConfiguration', bucket], ['s3:PutBucketPolicy', bucket], ['s3:PutObject', `${bucket}/serverless/x.zip`], ['s3:DeleteBucket', bucket]];
      }
      default:
        if (type.startsWith('AWS::ApiGatewayV2::')) return [['apigateway:POST', `arn:aws:apigateway:${REGION}::/apis`], ['apigateway:PATCH', `arn:aws:apigateway:${REGION}::/apis/abc123/routes/r1`], ['apigateway:DELETE', `arn:aws:apigateway:${REGION}::/apis/abc123`]];
        throw new Error(`the test does not know what ${type} needs: add it here and to deployer-policy.json`);
    }
  };

  it('allows what creating and removing every resource of both stacks needs, on names the stacks give them', () => {
    for (const [stack, template] of [['apigw-websocket-tutorial-ci', resources], ['apigw-websocket-tutorial-auth-ci', auth.resources]] as const) {
      for (const action of ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DescribeStacks', 'cloudformation:DeleteStack']) {
        expect(allows(action, `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${stack}/4f3c2a10-0000-0000-0000-000000000000`), action).toBe(true);
      }
      for (const [logicalId, resource] of Object.entries(template)) {
        for (const [action, arn] of needs(resource.Type, resource.Properties, logicalId, stack)) expect(allows(action, arn), `${action} on ${arn}`).toBe(true);
      }
    }
  });

  it("allows nothing on other projects' resources", () => {
    expect(allows('lambda:UpdateFunctionCode', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:payments-prod-charge`)).toBe(false);
    expect(allows('iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/admin`)).toBe(false);
    expect(allows('dynamodb:DeleteTable', `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/customers`)).toBe(false);
    expect(allows('cloudformation:DeleteStack', `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/other/1`)).toBe(false);
    expect(allows('s3:DeleteObject', 'arn:aws:s3:::company-backups/x')).toBe(false);
    expect(statements.flatMap((statement) => [statement.Action].flat()).some((action) => action.endsWith(':*') || action === '*')).toBe(false);
  });
});
