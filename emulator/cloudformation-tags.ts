/**
 * CloudFormation's YAML short forms (`!Ref X`, `!Sub '...'`, `!Join [...]`, `!GetAtt A.B`, ...), read
 * into the long forms (`{ Ref: X }`, `{ 'Fn::Sub': '...' }`, ...) that the Serverless Framework hands to
 * CloudFormation and that `cloudformation-functions.ts` evaluates. Without these, the `yaml` package
 * would keep only the tagged scalar's text, silently turning `!Ref WebsocketsApi` into "WebsocketsApi".
 */
import type { CollectionTag, ScalarTag } from 'yaml';

// Every short form CloudFormation documents, so that none is read as a plain string. Whether the
// emulator can evaluate one is decided later, with an error naming the key.
const FUNCTION_NAMES = [
  'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString',
];

function longForm(name: string, value: unknown): Record<string, unknown> {
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  // `!GetAtt Table.Arn` is the short form of `Fn::GetAtt: [Table, Arn]`.
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

/** Tags for `yaml`'s `customTags`: a scalar, a sequence and a mapping form of each. */
export const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = ['Ref', 'Condition', ...FUNCTION_NAMES].flatMap((name) => [
  { tag: `!${name}`, resolve: (text: string) => longForm(name, text) } satisfies ScalarTag,
  { tag: `!${name}`, collection: 'seq', resolve: (seq) => longForm(name, seq.toJSON()) } as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (map) => longForm(name, map.toJSON()) } as CollectionTag,
]);
