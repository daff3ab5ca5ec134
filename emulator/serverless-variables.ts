/**
 * Resolves the Serverless Framework variables a WebSocket service commonly uses:
 * `${self:...}`, `${sls:stage}`, `${opt:name, 'default'}`, `${env:NAME, default}`, `${aws:region}`,
 * `${aws:accountId}` and `${file(./other.yml):some.key}`. Variables whose value lives in AWS
 * (`${ssm:...}`, `${cf:...}`, `${s3:...}`) resolve to a placeholder that is an error only where the
 * emulator uses the value (`needsAwsProblem`), and can be given locally with `--param`. Anything else
 * is an error that names the key and the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { CLOUDFORMATION_TAGS } from './cloudformation-tags.ts';
import { readPath } from './read-path.ts';

export interface VariableSources {
  /** The whole parsed document, for `${self:...}`. */
  document: unknown;
  stage: string;
  region: string;
  /** CLI options, for `${opt:...}` (`stage` and `region` at least). */
  options: Record<string, string | undefined>;
  env: Record<string, string | undefined>;
  /** The file name used in error messages; `${file(...)}` paths are relative to its folder. */
  file: string;
  /** Values given locally (`--param ssm:/path=value`) for variables whose value lives in AWS. */
  parameters?: Record<string, string>;
}

/** No real account locally; LocalStack uses the same placeholder. Also what `Ref: AWS::AccountId` gives. */
export const LOCAL_ACCOUNT_ID = '000000000000';

export class UnresolvedVariableError extends Error {
  override name = 'UnresolvedVariableError';
}

// The innermost `${...}`: nested variables resolve from the inside out.
const INNERMOST = /\$\{([^${}]+)\}/;
const MAX_DEPTH = 20;
// `self:`, `opt:`, `env:`, `file(...)`...: what the Serverless Framework's parser takes for a variable.
const SERVERLESS_VARIABLE = /^\s*([a-z][a-zA-Z0-9]*(\([^)]*\))?:|file\()/;
/** Sources whose values are in AWS: the emulator does not reach them. */
const AWS_SOURCES: Record<string, string> = { ssm: 'SSM Parameter Store', cf: 'a CloudFormation stack output', s3: 'an S3 object' };
// `file(./a.yml)` or `file(./a.yml):some.key`.
const FILE_REFERENCE = /^file\((.+?)\)(?::(.+))?$/;
// A placeholder for a value in AWS; it travels through concatenation and is caught where it is used.
const NEEDS_AWS = /⟦needs-aws:([^⟧]*)⟧/;

/** Returns a copy of `value` with every variable replaced. */
export function resolveVariables(value: unknown, sources: VariableSources, keyPath = '', depth = 0): unknown {
  if (typeof value === 'string') return resolveString(value, sources, keyPath, depth);
  if (Array.isArray(value)) return value.map((item, i) => resolveVariables(item, sources, `${keyPath}[${i}]`, depth));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveVariables(item, sources, keyPath ? `${keyPath}.${key}` : key, depth)]),
    );
  }
  return value;
}

function resolveString(text: string, sources: VariableSources, keyPath: string, depth: number): unknown {
  if (depth > MAX_DEPTH) {
    throw new UnresolvedVariableError(`Variables at "${keyPath}" in ${sources.file} refer to each other in a loop`);
  }
  // CloudFormation's own `${...}` in Fn::Sub (`${WebsocketsApi}`, `${AWS::Region}`, `${Table.Arn}`) has no
  // lowercase `source:` prefix; the Serverless Framework leaves it for CloudFormation, and so do we.
  const foreign: string[] = [];
  let current = text;
  for (let match = INNERMOST.exec(current); match; match = INNERMOST.exec(current)) {
    const reference = match[1] ?? '';
    const before = current.slice(0, match.index);
    const after = current.slice(match.index + match[0].length);
    if (!SERVERLESS_VARIABLE.test(reference)) {
      current = `${before}\u0000${foreign.length}\u0000${after}`;
      foreign.push(match[0]);
      continue;
    }
    const resolved = resolveReference(reference, sources, keyPath, depth);
    if (resolved === undefined) {
      throw new UnresolvedVariableError(`Cannot resolve "${match[0]}" at "${keyPath}" in ${sources.file}`);
    }
    // A value that is the variable alone keeps its type (an object, a number).
    if (match[0] === current) return resolved;
    current = before + String(resolved) + after;
  }
  return current.replace(/\u0000(\d+)\u0000/g, (_placeholder, i: string) => foreign[Number(i)] as string);
}

/**
 * `opt:stage, 'dev'`: each comma-separated candidate in turn, the first that has a value wins. A
 * value in AWS gives way to a later candidate that has one (`${ssm:/x, 'local'}` is `local` here).
 */
function resolveReference(reference: string, sources: VariableSources, keyPath: string, depth: number): unknown {
  let inAws: unknown;
  for (const candidate of splitCandidates(reference)) {
    const value = resolveCandidate(candidate, sources, keyPath, depth);
    if (typeof value === 'string' && NEEDS_AWS.test(value)) inAws ??= value;
    else if (value !== undefined && value !== null) return value;
  }
  return inAws;
}

/**
 * Why a value the emulator is about to use cannot be used: it holds a variable whose value is in AWS
 * and was not given with `--param`. Undefined when the value is fine.
 */
export function needsAwsProblem(value: unknown, keyPath: string, file: string): string | undefined {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const found = text === undefined ? undefined : NEEDS_AWS.exec(text);
  if (!found) return undefined;
  const candidate = found[1] ?? '';
  const where = AWS_SOURCES[candidate.slice(0, candidate.search(/[(:]/))] ?? 'AWS';
  return `"\${${candidate}}" at "${keyPath}" in ${file} is a value in ${where}, which the emulator does not reach. Give it locally: npm run emulator -- --param '${candidate}=<value>'`;
}

function resolveCandidate(candidate: string, sources: VariableSources, keyPath: string, depth: number): unknown {
  const literal = /^(['"])(.*)\1$/.exec(candidate);
  if (literal) return literal[2];
  if (/^-?\d+(\.\d+)?$/.test(candidate)) return Number(candidate);
  const included = FILE_REFERENCE.exec(candidate);
  if (included) return fromFile(included[1] ?? '', included[2], sources, keyPath, depth);
  const awsSource = /^([a-z0-9]+)(\([^)]*\))?:/.exec(candidate)?.[1];
  if (awsSource && awsSource in AWS_SOURCES) return sources.parameters?.[candidate] ?? `⟦needs-aws:${candidate}⟧`;
  const colon = candidate.indexOf(':');
  if (colon === -1) {
    throw new UnresolvedVariableError(`"${candidate}" at "${keyPath}" in ${sources.file} is not a variable the emulator understands`);
  }
  const source = candidate.slice(0, colon);
  const name = candidate.slice(colon + 1);
  switch (source) {
    case 'self': {
      const found = readPath(sources.document, name);
      return found === undefined ? undefined : resolveVariables(found, sources, name, depth + 1);
    }
    case 'sls':
      if (name === 'stage') return sources.stage;
      break;
    case 'opt':
      return sources.options[name];
    case 'env':
      return sources.env[name];
    case 'aws':
      if (name === 'region') return sources.region;
      if (name === 'accountId') return LOCAL_ACCOUNT_ID;
      break;
  }
  throw new UnresolvedVariableError(`"\${${candidate}}" at "${keyPath}" in ${sources.file} uses a source the emulator does not support`);
}

/** `${file(./config.yml)}` or `${file(./config.yml):stage.dev}`: YAML (with CloudFormation's tags) or JSON, relative to the config file. A missing file has no value, as in the framework. */
function fromFile(path: string, address: string | undefined, sources: VariableSources, keyPath: string, depth: number): unknown {
  const included = readIncludedFile(path, address, sources.file, keyPath);
  // `${self:...}` inside the included file still means the main file, as in the framework.
  return included.value === undefined ? undefined : resolveVariables(included.value, sources, keyPath, depth + 1);
}

/**
 * What `${file(path):address}` names, as written (its own variables not resolved yet): `value` is
 * undefined when the file does not exist or has nothing at the address. Shared with serverless.yml's
 * `resources: - ${file(...)}` fragments (serverless-config.ts).
 */
export function readIncludedFile(path: string, address: string | undefined, configFile: string, keyPath: string): { file: string; value: unknown } {
  const file = resolve(dirname(configFile), path.trim().replace(/^(['"])(.*)\1$/, '$2'));
  if (!existsSync(file)) return { file, value: undefined };
  const text = readFileSync(file, 'utf8');
  let content: unknown;
  if (extname(file) === '.json') {
    content = JSON.parse(text);
  } else if (['.yml', '.yaml'].includes(extname(file))) {
    const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS });
    if (document.errors[0]) throw new UnresolvedVariableError(`${file}, named at "${keyPath}" in ${configFile}, cannot be read: ${document.errors[0].message.split('\n')[0]}`);
    content = document.toJS();
  } else {
    throw new UnresolvedVariableError(`"\${file(${path})}" at "${keyPath}" in ${configFile}: the emulator reads YAML and JSON files, not ${extname(file) || 'this kind of file'}`);
  }
  return { file, value: address === undefined ? content : readPath(content, address.trim()) };
}

/** `${file(./a.yml):key}` as a whole string: its path and address; undefined for anything else. */
export function fileReference(text: string): { path: string; address: string | undefined } | undefined {
  const found = FILE_REFERENCE.exec(text.trim().replace(/^\$\{(.*)\}$/, '$1'));
  return found ? { path: found[1] ?? '', address: found[2] } : undefined;
}

function splitCandidates(reference: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < reference.length; i++) {
    const char = reference[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ',') {
      parts.push(reference.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(reference.slice(start).trim());
  return parts.filter((part) => part !== '');
}

