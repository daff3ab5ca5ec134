import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsAwsProblem, resolveVariables, type VariableSources } from '../../emulator/serverless-variables.ts';

const document = {
  service: 'chat',
  custom: { table: '${self:service}-${sls:stage}-connections', nested: { size: 5 } },
};
const sources: VariableSources = {
  document,
  stage: 'local',
  region: 'ap-northeast-1',
  options: { stage: 'local' },
  env: { TABLE_SUFFIX: 'x' },
  file: 'serverless.yml',
};

describe('resolveVariables', () => {
  it.each([
    ['resolves self references recursively', '${self:custom.table}', 'chat-local-connections'],
    ['resolves sls:stage', 'api-${sls:stage}', 'api-local'],
    ['uses an option when given', "${opt:stage, 'dev'}", 'local'],
    ['falls back to the quoted default', "${opt:region, 'us-east-1'}", 'us-east-1'],
    ['reads the environment', '${env:TABLE_SUFFIX}', 'x'],
    ['falls back when the environment has no such variable', "${env:MISSING, 'fallback'}", 'fallback'],
    ['resolves aws:region', '${aws:region}', 'ap-northeast-1'],
    ['keeps the type of a value that is the variable alone', '${self:custom.nested}', { size: 5 }],
  ])('%s', (_name, input, expected) => {
    expect(resolveVariables(input, sources)).toEqual(expected);
  });

  it('names the key and file when a variable cannot be resolved', () => {
    expect(() => resolveVariables({ provider: { environment: { A: '${env:NOT_SET}' } } }, sources)).toThrow(
      'Cannot resolve "${env:NOT_SET}" at "provider.environment.A" in serverless.yml',
    );
  });

  it('treats an unquoted default as an error rather than an empty value', () => {
    expect(() => resolveVariables('${env:MISSING, fallback}', sources)).toThrow(
      '"fallback" at "" in serverless.yml is not a variable the emulator understands',
    );
  });

  it('names the source it does not support', () => {
    expect(() => resolveVariables('${terraform:output}', sources)).toThrow('"${terraform:output}" at "" in serverless.yml uses a source the emulator does not support');
  });
});

describe('values that live in AWS (${ssm:}, ${cf:}, ${s3:})', () => {
  it.each(['${ssm:/app/key}', '${cf:other-stack.Output}', '${cf(us-east-1):other.Output}', '${s3:bucket/key}'])('%s is a placeholder until it is used, and an error where it is', (variable) => {
    const value = resolveVariables(`prefix-${variable}`, sources, 'provider.environment.KEY');
    const problem = needsAwsProblem(value, 'provider.environment.KEY', 'serverless.yml');
    expect(problem).toContain(`"${variable}" at "provider.environment.KEY" in serverless.yml is a value in`);
    expect(problem).toContain(`--param '${variable.slice(2, -1)}=<value>'`);
  });

  it('gives way to a default after it, and to a value given with --param', () => {
    expect(resolveVariables("${ssm:/app/key, 'local'}", sources)).toBe('local');
    expect(resolveVariables('${ssm:/app/key}', { ...sources, parameters: { 'ssm:/app/key': 'given' } })).toBe('given');
    expect(needsAwsProblem('plain', 'k', 'f')).toBeUndefined();
  });
});

describe('${file(...)}', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'file-variables-'));
    await writeFile(join(folder, 'config.yml'), 'dev:\n  size: 3\n  table: ${self:service}-t\nshort: !Ref Thing\n');
    await writeFile(join(folder, 'config.json'), '{"a": {"b": "json"}}');
    await writeFile(join(folder, 'config.js'), 'module.exports = {}');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  const inFolder = () => ({ ...sources, file: join(folder, 'serverless.yml') });

  it.each([
    ['a whole YAML file', '${file(./config.yml)}', { dev: { size: 3, table: 'chat-t' }, short: { Ref: 'Thing' } }],
    ['one key of it, resolved against the main file', '${file(./config.yml):dev.table}', 'chat-t'],
    ['a JSON file', '${file(config.json):a.b}', 'json'],
    ['inside a string', 'size-${file(./config.yml):dev.size}', 'size-3'],
    ['a missing file, then the default', "${file(./missing.yml), 'fallback'}", 'fallback'],
  ])('reads %s', (_name, input, expected) => {
    expect(resolveVariables(input, inFolder())).toEqual(expected);
  });

  it('says it does not run JavaScript files', () => {
    expect(() => resolveVariables('${file(./config.js)}', inFolder())).toThrow('the emulator reads YAML and JSON files, not .js');
  });
});

describe("CloudFormation's own ${...}", () => {
  it.each([
    ['a resource in Fn::Sub', 'https://${WebsocketsApi}.execute-api', 'https://${WebsocketsApi}.execute-api'],
    ['a pseudo parameter', '${AWS::Region}', '${AWS::Region}'],
    ['an attribute', '${Table.Arn}/index/*', '${Table.Arn}/index/*'],
    ['next to a Serverless variable, which still resolves', 'https://${WebsocketsApi}.execute-api.${AWS::Region}.amazonaws.com/${sls:stage}', 'https://${WebsocketsApi}.execute-api.${AWS::Region}.amazonaws.com/local'],
  ])('leaves %s for CloudFormation, as the Serverless Framework does', (_name, input, expected) => {
    expect(resolveVariables(input, sources)).toBe(expected);
  });
});
