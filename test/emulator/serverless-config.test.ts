import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerlessConfig } from '../../emulator/serverless-config.ts';

const FIXTURE = resolve('test/fixtures/handler-styles/serverless.yml');
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function writeService(yaml: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'serverless-config-'));
  folders.push(folder);
  const file = join(folder, 'serverless.yml');
  await writeFile(file, yaml);
  return file;
}

describe('loadServerlessConfig', () => {
  it('reads functions, routes, two-way routes, environment and tables with their TTL', () => {
    const config = loadServerlessConfig(FIXTURE, { stage: 'local', env: { FIXTURE_GREETING: 'hi' } });
    expect(config).toMatchObject({ service: 'handler-styles', stage: 'local', region: 'eu-west-1', routeSelectionExpression: '$request.body.action' });
    const typed = config.functions.find((fn) => fn.key === 'typed');
    expect(typed).toMatchObject({
      name: 'handler-styles-local-typed',
      handlerModule: resolve('test/fixtures/handler-styles/handlers/typed.ts'),
      handlerExport: 'handler',
      timeoutSeconds: 3,
      environment: { GREETING: 'hi', TABLE: 'handler-styles-local-items', SHARED: 'function' },
      routes: [{ routeKey: 'typed', twoWay: true }],
    });
    expect(config.functions.find((fn) => fn.key === 'default')?.routes).toEqual([{ routeKey: '$default', twoWay: false }]);
    expect(config.functions.find((fn) => fn.key === 'slow')?.timeoutSeconds).toBe(1);
    expect(config.tables).toEqual([
      {
        logicalId: 'ItemsTable',
        TableName: 'handler-styles-local-items',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveAttribute: 'expiresAt',
      },
    ]);
  });

  it('falls back to provider.stage, then dev, as the Serverless Framework does', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  stage: beta\nfunctions: {}\n');
    expect(loadServerlessConfig(file).stage).toBe('beta');
    const bare = await writeService('service: s\nprovider:\n  name: aws\nfunctions: {}\n');
    expect(loadServerlessConfig(bare).stage).toBe('dev');
  });

  it('names the key and the file when a variable cannot be resolved', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  environment:\n    KEY: ${env:NOT_SET_ANYWHERE}\nfunctions: {}\n');
    expect(() => loadServerlessConfig(file, { env: {} })).toThrow(`Cannot resolve "\${env:NOT_SET_ANYWHERE}" at "provider.environment.KEY" in ${file}`);
  });

  it('names the function when its handler file does not exist', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\nfunctions:\n  ghost:\n    handler: nowhere/ghost.handler\n');
    expect(() => loadServerlessConfig(file)).toThrow(`functions.ghost.handler in ${file} points to`);
  });

  it('says so when an environment value is a CloudFormation function it cannot evaluate', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  environment:\n    ARN: { "Fn::GetAtt": [Thing, Arn] }\nfunctions: {}\n');
    expect(() => loadServerlessConfig(file)).toThrow(`provider.environment.ARN: Fn::GetAtt of unknown resource Thing (in ${file})`);
  });

  it('evaluates the endpoint forms of the @connections API with this API id, Region and stage', async () => {
    const file = await writeService(`service: s
provider:
  name: aws
  stage: \${opt:stage, 'dev'}
  region: ap-northeast-1
  environment:
    JOINED: { 'Fn::Join': ['', ['https://', { Ref: WebsocketsApi }, '.execute-api.', { Ref: 'AWS::Region' }, '.amazonaws.com/', '\${sls:stage}']] }
    JOINED_SELF: { 'Fn::Join': ['', [{ Ref: WebsocketsApi }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', '\${self:provider.stage}']] }
    SUBBED: { 'Fn::Sub': 'https://\${WebsocketsApi}.execute-api.\${AWS::Region}.amazonaws.com/\${sls:stage}' }
    SHORT_SUB: !Sub '\${WebsocketsApi}.execute-api.\${AWS::Region}.amazonaws.com/\${sls:stage}'
    SHORT_JOIN: !Join ['', ['https://', !Ref WebsocketsApi, '.execute-api.', !Ref AWS::Region, '.amazonaws.com/dev']]
    WSS: !GetAtt WebsocketsApi.ApiEndpoint
    ACCOUNT: !Sub '\${AWS::Partition}:\${AWS::AccountId}:\${AWS::StackName}'
    TABLE: !Ref Items
    TABLE_ARN: !GetAtt Items.Arn
functions:
  f:
    handler: h.handler
resources:
  Resources:
    Items:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: items-\${sls:stage}
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`);
    await writeFile(join(file, '..', 'h.mjs'), 'export const handler = () => {};\n');
    const config = loadServerlessConfig(file, { apiId: 'k3x9q2m7pa', env: {} });
    expect(config.stage).toBe('dev');
    const [f] = config.functions;
    expect(f?.environment).toEqual({
      JOINED: 'https://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev',
      JOINED_SELF: 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev',
      SUBBED: 'https://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev',
      SHORT_SUB: 'k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev',
      SHORT_JOIN: 'https://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev',
      WSS: 'wss://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com',
      ACCOUNT: 'aws:000000000000:s-dev',
      TABLE: 'items-dev',
      TABLE_ARN: 'arn:aws:dynamodb:ap-northeast-1:000000000000:table/items-dev',
    });
    expect(f?.runtime).toBe('nodejs24.x');
  });

  it.each([
    ['a GetAtt of a resource nobody declared', 'X: !GetAtt Foo.Arn', 'functions.f.environment.X: Fn::GetAtt of unknown resource Foo'],
    ['a Ref to a resource nobody declared', 'X: { Ref: Foo }', 'functions.f.environment.X: Ref to unknown resource Foo'],
    ['a Ref to a resource the emulator does not create', 'X: !Ref Queue', 'functions.f.environment.X: Ref to Queue, a AWS::SQS::Queue the emulator does not create'],
    ['a function it does not evaluate', 'X: !ImportValue shared-endpoint', 'functions.f.environment.X: Fn::ImportValue is not supported by the emulator (it evaluates Ref, Fn::Join, Fn::Sub, Fn::GetAtt, Fn::Select)'],
    ['an attribute it does not know', 'X: !GetAtt WebsocketsApi.Arn', 'functions.f.environment.X: Fn::GetAtt of WebsocketsApi.Arn: the emulator knows ApiId, ApiEndpoint of a AWS::ApiGatewayV2::Api'],
    ['a Sub of an unknown name', "X: !Sub 'https://${Nope}/x'", 'functions.f.environment.X: Ref to unknown resource Nope'],
    ['a value that is not a string', 'X: { Nested: 1 }', 'functions.f.environment.X: {"Nested":1} is not a string, so it cannot be an environment variable'],
  ])('names the key of %s', async (_case, line, message) => {
    const folder = await writeService(`service: s
provider:
  name: aws
functions:
  f:
    handler: h.handler
    environment:
      ${line}
resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
`);
    await writeFile(join(folder, '..', 'h.mjs'), 'export const handler = () => {};\n');
    expect(() => loadServerlessConfig(folder, { env: {} })).toThrow(`${message} (in ${folder})`);
  });

  it('refuses a YAML tag that is not CloudFormation\'s rather than reading it as a string', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  environment:\n    X: !Reff WebsocketsApi\nfunctions: {}\n');
    expect(() => loadServerlessConfig(file)).toThrow(`${file} cannot be read: Unresolved tag: !Reff at line 5, column 8`);
  });

  it("evaluates the serverless-pseudo-parameters plugin's #{AWS::Region} where the service uses the plugin, and leaves the text alone where it does not", async () => {
    const yaml = (plugins: string) => `service: s\n${plugins}provider:\n  name: aws\n  region: ap-northeast-1\n  environment:\n    ARN: 'arn:aws:execute-api:#{AWS::Region}:#{AWS::AccountId}:*'\nfunctions:\n  f:\n    handler: h.handler\n`;
    const withPlugin = await writeService(yaml('plugins:\n  - serverless-pseudo-parameters\n'));
    await writeFile(join(withPlugin, '..', 'h.mjs'), 'export const handler = () => {};\n');
    expect(loadServerlessConfig(withPlugin).functions[0]?.environment.ARN).toBe('arn:aws:execute-api:ap-northeast-1:000000000000:*');
    const without = await writeService(yaml(''));
    await writeFile(join(without, '..', 'h.mjs'), 'export const handler = () => {};\n');
    expect(loadServerlessConfig(without).functions[0]?.environment.ARN).toBe('arn:aws:execute-api:#{AWS::Region}:#{AWS::AccountId}:*');
  });

  it('resolves only what the emulator reads, so a deployment setting from an unset variable does not stop it', async () => {
    const file = await writeService("service: s\nprovider:\n  name: aws\n  region: ${env:AWS_REGION}\n  deploymentBucket:\n    name: ${env:DEPLOYMENT_S3_BUCKET}\nfunctions: {}\n");
    expect(loadServerlessConfig(file, { env: { AWS_REGION: 'ap-northeast-1' } }).region).toBe('ap-northeast-1');
  });

  it('reads the runtime of the provider or the function, and refuses one that is not Node.js', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  runtime: nodejs12.x\nfunctions:\n  f:\n    handler: h.handler\n  g:\n    handler: h.handler\n    runtime: nodejs20.x\n');
    await writeFile(join(file, '..', 'h.mjs'), 'export const handler = () => {};\n');
    expect(loadServerlessConfig(file).functions.map((fn) => fn.runtime)).toEqual(['nodejs12.x', 'nodejs20.x']);
    const python = await writeService('service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  f:\n    handler: h.handler\n');
    await writeFile(join(python, '..', 'h.mjs'), 'export const handler = () => {};\n');
    expect(() => loadServerlessConfig(python)).toThrow(`functions.f in ${python} runs on python3.12; the emulator runs Node.js runtimes (nodejsNN.x) only`);
  });

  it('says which file is missing', () => {
    expect(() => loadServerlessConfig('does/not/exist.yml')).toThrow(`No serverless.yml at ${resolve('does/not/exist.yml')}`);
  });
});

describe('serverless.yml as older and larger projects write it', () => {
  it('reads the v1 `service: { name }` form, routeKey, resources as a list of ${file()} fragments, tables without TableName, indexes and streams', async () => {
    const file = await writeService(`service:
  name: old-style
provider:
  name: aws
  runtime: nodejs8.10
  environment:
    TABLE: { Ref: Things }
    STREAM: !GetAtt Things.StreamArn
  deploymentBucket: \${ssm:/only/needed/to/deploy}
functions:
  hello:
    handler: h.handler
    events:
      - websocket:
          routeKey: $default
  changes:
    handler: h.handler
    events:
      - stream:
          type: dynamodb
          batchSize: 5
          arn: !GetAtt Things.StreamArn
resources:
  - \${file(./tables.yml)}
  - Outputs:
      Nothing: { Value: x }
`);
    await writeFile(join(dirname(file), 'h.js'), 'exports.handler = async () => ({ statusCode: 200 });');
    await writeFile(join(dirname(file), 'tables.yml'), `Resources:
  Things:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }, { AttributeName: room, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      GlobalSecondaryIndexes:
        - IndexName: byRoom
          KeySchema: [{ AttributeName: room, KeyType: HASH }]
          Projection: { ProjectionType: ALL }
      StreamSpecification: { StreamViewType: NEW_IMAGE }
`);
    const config = loadServerlessConfig(file);
    expect(config.service).toBe('old-style');
    expect(config.functions[0]?.routes).toEqual([{ routeKey: '$default', twoWay: false }]);
    expect(config.tables).toEqual([
      expect.objectContaining({
        TableName: 'old-style-dev-Things',
        GlobalSecondaryIndexes: [{ IndexName: 'byRoom', KeySchema: [{ AttributeName: 'room', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
        StreamViewType: 'NEW_IMAGE',
      }),
    ]);
    expect(config.functions[0]?.environment.TABLE).toBe('old-style-dev-Things');
    expect(config.functions[0]?.environment.STREAM).toMatch(/^arn:aws:dynamodb:us-east-1:000000000000:table\/old-style-dev-Things\/stream\/\d{4}-/);
    expect(config.functions[1]?.streams).toEqual([{ tableName: 'old-style-dev-Things', batchSize: 5 }]);
  });

  it('fails on a value in AWS only where it is used, and says how to give it', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  environment:\n    KEY: ${ssm:/app/key}\nfunctions:\n  f:\n    handler: h.handler\n');
    await writeFile(join(dirname(file), 'h.js'), 'exports.handler = async () => ({});');
    expect(() => loadServerlessConfig(file)).toThrow(`"\${ssm:/app/key}" at "provider.environment" in ${file} is a value in SSM Parameter Store, which the emulator does not reach. Give it locally: npm run emulator -- --param 'ssm:/app/key=<value>'`);
    expect(loadServerlessConfig(file, { parameters: { 'ssm:/app/key': 'given' } }).functions[0]?.environment.KEY).toBe('given');
  });

  it('refuses a stream on a table without StreamSpecification', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.handler\n    events:\n      - stream: { type: dynamodb, arn: !GetAtt T.StreamArn }\nresources:\n  Resources:\n    T:\n      Type: AWS::DynamoDB::Table\n      Properties:\n        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]\n        KeySchema: [{ AttributeName: id, KeyType: HASH }]\n');
    await writeFile(join(dirname(file), 'h.js'), 'exports.handler = async () => ({});');
    expect(() => loadServerlessConfig(file)).toThrow('the table T has no StreamSpecification, so it has no stream');
  });
});
