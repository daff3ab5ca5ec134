/**
 * Resolves the Serverless Framework variables a WebSocket service commonly uses:
 * `${self:...}`, `${sls:stage}`, `${opt:name, 'default'}`, `${env:NAME, default}`, `${aws:region}`
 * and `${aws:accountId}`. Anything else is an error that names the key and the file.
 */
import { readPath } from './read-path.ts';

export interface VariableSources {
  /** The whole parsed document, for `${self:...}`. */
  document: unknown;
  stage: string;
  region: string;
  /** CLI options, for `${opt:...}` (`stage` and `region` at least). */
  options: Record<string, string | undefined>;
  env: Record<string, string | undefined>;
  /** The file name used in error messages. */
  file: string;
}

/** No real account locally; LocalStack uses the same placeholder. Also what `Ref: AWS::AccountId` gives. */
export const LOCAL_ACCOUNT_ID = '000000000000';

export class UnresolvedVariableError extends Error {
  override name = 'UnresolvedVariableError';
}

// The innermost `${...}`: nested variables resolve from the inside out.
const INNERMOST = /\$\{([^${}]+)\}/;
const MAX_DEPTH = 20;
// `self:`, `opt:`, `env:`...: what the Serverless Framework's parser takes for a variable.
const SERVERLESS_VARIABLE = /^\s*[a-z][a-zA-Z0-9]*:/;

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

/** `opt:stage, 'dev'`: each comma-separated candidate in turn, the first that has a value wins. */
function resolveReference(reference: string, sources: VariableSources, keyPath: string, depth: number): unknown {
  for (const candidate of splitCandidates(reference)) {
    const value = resolveCandidate(candidate, sources, keyPath, depth);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function resolveCandidate(candidate: string, sources: VariableSources, keyPath: string, depth: number): unknown {
  const literal = /^(['"])(.*)\1$/.exec(candidate);
  if (literal) return literal[2];
  if (/^-?\d+(\.\d+)?$/.test(candidate)) return Number(candidate);
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

