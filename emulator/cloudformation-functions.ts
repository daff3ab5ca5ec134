/**
 * Evaluates the CloudFormation intrinsic functions a serverless.yml puts in function environments,
 * with this emulated API's values: `Ref`, `Fn::Join`, `Fn::Sub`, `Fn::GetAtt` and `Fn::Select`, and the
 * pseudo parameters `AWS::Region`, `AWS::AccountId`, `AWS::Partition`, `AWS::URLSuffix` and
 * `AWS::StackName`. Anything else is an error naming the key, never a silently wrong value.
 * Pure: no Node imports.
 *
 * Functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 * Pseudo parameters: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */

/** A resource the emulator stands in for: what `Ref` gives and the attributes `Fn::GetAtt` knows. */
export interface StackResource {
  type: string;
  ref: string;
  attributes: Record<string, string>;
}

export interface StackValues {
  region: string;
  accountId: string;
  /** The Serverless Framework's stack name, `{service}-{stage}`. */
  stackName: string;
  /** By logical id: `WebsocketsApi` and the tables of `resources.Resources`. */
  resources: Record<string, StackResource>;
  /** Logical ids of other resources in `resources.Resources`, with their type, for a clearer error. */
  otherResources: Record<string, string>;
}

export class CloudFormationFunctionError extends Error {
  override name = 'CloudFormationFunctionError';
}

const SUPPORTED = ['Ref', 'Fn::Join', 'Fn::Sub', 'Fn::GetAtt', 'Fn::Select'];

/** The partition and domain suffix of a Region: China and GovCloud differ from the rest. */
export function partitionOf(region: string): { partition: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  return { partition: 'aws', urlSuffix: 'amazonaws.com' };
}

/** Returns `value` with every intrinsic function replaced by its value; `keyPath` names it in errors. */
export function evaluateIntrinsics(value: unknown, stack: StackValues, keyPath: string): unknown {
  if (Array.isArray(value)) return value.map((item, i) => evaluateIntrinsics(item, stack, `${keyPath}[${i}]`));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [name, argument] = entries[0] ?? [];
  const fail = (problem: string): never => {
    throw new CloudFormationFunctionError(`${keyPath}: ${problem}`);
  };
  if (entries.length === 1 && name !== undefined && (name === 'Ref' || name === 'Condition' || name.startsWith('Fn::'))) {
    switch (name) {
      case 'Ref':
        if (typeof argument !== 'string') return fail(`Ref needs a logical id, got ${JSON.stringify(argument)}`);
        return ref(argument, stack, fail);
      case 'Fn::GetAtt': {
        const parts = typeof argument === 'string' ? splitOnce(argument, '.') : (evaluateIntrinsics(argument, stack, keyPath) as unknown);
        if (!Array.isArray(parts) || parts.length !== 2 || !parts.every((part) => typeof part === 'string')) {
          return fail(`Fn::GetAtt needs [logicalId, attribute], got ${JSON.stringify(argument)}`);
        }
        return getAtt(parts[0] as string, parts[1] as string, stack, fail);
      }
      case 'Fn::Join': {
        if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') {
          return fail(`Fn::Join needs [delimiter, [values]], got ${JSON.stringify(argument)}`);
        }
        const items = evaluateIntrinsics(argument[1], stack, keyPath);
        if (!Array.isArray(items)) return fail(`Fn::Join needs a list of values, got ${JSON.stringify(items)}`);
        return items.map((item) => text(item, 'Fn::Join', fail)).join(argument[0]);
      }
      case 'Fn::Sub':
        return sub(argument, stack, keyPath, fail);
      case 'Fn::Select': {
        if (!Array.isArray(argument) || argument.length !== 2) return fail(`Fn::Select needs [index, [values]], got ${JSON.stringify(argument)}`);
        const index = Number(evaluateIntrinsics(argument[0], stack, keyPath));
        const items = evaluateIntrinsics(argument[1], stack, keyPath);
        if (!Array.isArray(items) || !Number.isInteger(index) || index < 0 || index >= items.length) {
          return fail(`Fn::Select index ${JSON.stringify(argument[0])} is outside ${JSON.stringify(items)}`);
        }
        return items[index];
      }
      default:
        return fail(`${name} is not supported by the emulator (it evaluates ${SUPPORTED.join(', ')})`);
    }
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, evaluateIntrinsics(item, stack, `${keyPath}.${key}`)]));
}

function ref(logicalId: string, stack: StackValues, fail: (problem: string) => never): string {
  const { partition, urlSuffix } = partitionOf(stack.region);
  switch (logicalId) {
    case 'AWS::Region':
      return stack.region;
    case 'AWS::AccountId':
      return stack.accountId;
    case 'AWS::Partition':
      return partition;
    case 'AWS::URLSuffix':
      return urlSuffix;
    case 'AWS::StackName':
      return stack.stackName;
  }
  if (logicalId.startsWith('AWS::')) return fail(`Ref to ${logicalId}, a pseudo parameter the emulator does not know`);
  const resource = stack.resources[logicalId];
  if (resource) return resource.ref;
  const otherType = stack.otherResources[logicalId];
  if (otherType) return fail(`Ref to ${logicalId}, a ${otherType} the emulator does not create`);
  return fail(`Ref to unknown resource ${logicalId}`);
}

function getAtt(logicalId: string, attribute: string, stack: StackValues, fail: (problem: string) => never): string {
  const resource = stack.resources[logicalId];
  if (!resource) {
    const otherType = stack.otherResources[logicalId];
    if (otherType) return fail(`Fn::GetAtt of ${logicalId}, a ${otherType} the emulator does not create`);
    return fail(`Fn::GetAtt of unknown resource ${logicalId}`);
  }
  const value = resource.attributes[attribute];
  if (value === undefined) {
    return fail(`Fn::GetAtt of ${logicalId}.${attribute}: the emulator knows ${Object.keys(resource.attributes).join(', ')} of a ${resource.type}`);
  }
  return value;
}

/** `Fn::Sub: 'text'` or `Fn::Sub: ['text', { Name: value }]`; `${!Literal}` stays `${Literal}`. */
function sub(argument: unknown, stack: StackValues, keyPath: string, fail: (problem: string) => never): string {
  const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
  if (typeof template !== 'string' || typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    return fail(`Fn::Sub needs a string or [string, { name: value }], got ${JSON.stringify(argument)}`);
  }
  const given = evaluateIntrinsics(variables, stack, keyPath) as Record<string, unknown>;
  return template.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const trimmed = name.trim();
    if (Object.hasOwn(given, trimmed)) return text(given[trimmed], 'Fn::Sub', fail);
    const dot = trimmed.indexOf('.');
    return dot === -1 ? ref(trimmed, stack, fail) : getAtt(trimmed.slice(0, dot), trimmed.slice(dot + 1), stack, fail);
  });
}

function text(value: unknown, where: string, fail: (problem: string) => never): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(`${where} needs strings, got ${JSON.stringify(value)}`);
}

function splitOnce(value: string, separator: string): string[] {
  const at = value.indexOf(separator);
  return at === -1 ? [value] : [value.slice(0, at), value.slice(at + 1)];
}
