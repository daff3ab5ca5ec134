/**
 * dynalite's own engine (its validations, its actions and its in-memory LevelDB store), called
 * directly instead of through its HTTP server: by the in-page emulator, because a Web Worker cannot
 * listen on a port, and by the Node emulator's DynamoDB thread for Lambda environments' SDK calls,
 * which then cross no socket (direct-sdk-transport.ts). A request is what the DynamoDB JSON protocol
 * sends: the operation from `X-Amz-Target` and a JSON body; the answer is the status and JSON body
 * dynalite's server would send. The steps mirror dynalite's HTTP handler
 * (node_modules/dynalite/index.js) after its signature checks, which a caller on the same machine has
 * no use for (no request crosses a network).
 *
 * The browser bundle gives dynalite its Node modules through the shims in in-page-bundle.ts.
 */
import dynaliteDb from 'dynalite/db/index.js';
import validations from 'dynalite/validations/index.js';
import batchGetItem from 'dynalite/actions/batchGetItem.js';
import batchWriteItem from 'dynalite/actions/batchWriteItem.js';
import createTable from 'dynalite/actions/createTable.js';
import deleteItem from 'dynalite/actions/deleteItem.js';
import deleteTable from 'dynalite/actions/deleteTable.js';
import describeTable from 'dynalite/actions/describeTable.js';
import describeTimeToLive from 'dynalite/actions/describeTimeToLive.js';
import getItem from 'dynalite/actions/getItem.js';
import listTables from 'dynalite/actions/listTables.js';
import listTagsOfResource from 'dynalite/actions/listTagsOfResource.js';
import putItem from 'dynalite/actions/putItem.js';
import query from 'dynalite/actions/query.js';
import scan from 'dynalite/actions/scan.js';
import tagResource from 'dynalite/actions/tagResource.js';
import untagResource from 'dynalite/actions/untagResource.js';
import updateItem from 'dynalite/actions/updateItem.js';
import updateTable from 'dynalite/actions/updateTable.js';
import batchGetItemRules from 'dynalite/validations/batchGetItem.js';
import batchWriteItemRules from 'dynalite/validations/batchWriteItem.js';
import createTableRules from 'dynalite/validations/createTable.js';
import deleteItemRules from 'dynalite/validations/deleteItem.js';
import deleteTableRules from 'dynalite/validations/deleteTable.js';
import describeTableRules from 'dynalite/validations/describeTable.js';
import describeTimeToLiveRules from 'dynalite/validations/describeTimeToLive.js';
import getItemRules from 'dynalite/validations/getItem.js';
import listTablesRules from 'dynalite/validations/listTables.js';
import listTagsOfResourceRules from 'dynalite/validations/listTagsOfResource.js';
import putItemRules from 'dynalite/validations/putItem.js';
import queryRules from 'dynalite/validations/query.js';
import scanRules from 'dynalite/validations/scan.js';
import tagResourceRules from 'dynalite/validations/tagResource.js';
import untagResourceRules from 'dynalite/validations/untagResource.js';
import updateItemRules from 'dynalite/validations/updateItem.js';
import updateTableRules from 'dynalite/validations/updateTable.js';
import { newRequestId } from './ids.ts';
import type { InPageRequestTarget } from './in-page-sdk-handler.ts';
import type { InPageResponse } from './in-page-transport.ts';
import type { DynaliteAction, DynaliteRules, DynaliteStore } from 'dynalite/db/index.js';

/** The operations dynalite serves, each with its action and its validation rules. */
const OPERATIONS: Record<string, { action: DynaliteAction; rules: DynaliteRules }> = {
  BatchGetItem: { action: batchGetItem, rules: batchGetItemRules },
  BatchWriteItem: { action: batchWriteItem, rules: batchWriteItemRules },
  CreateTable: { action: createTable, rules: createTableRules },
  DeleteItem: { action: deleteItem, rules: deleteItemRules },
  DeleteTable: { action: deleteTable, rules: deleteTableRules },
  DescribeTable: { action: describeTable, rules: describeTableRules },
  DescribeTimeToLive: { action: describeTimeToLive, rules: describeTimeToLiveRules },
  GetItem: { action: getItem, rules: getItemRules },
  ListTables: { action: listTables, rules: listTablesRules },
  ListTagsOfResource: { action: listTagsOfResource, rules: listTagsOfResourceRules },
  PutItem: { action: putItem, rules: putItemRules },
  Query: { action: query, rules: queryRules },
  Scan: { action: scan, rules: scanRules },
  TagResource: { action: tagResource, rules: tagResourceRules },
  UntagResource: { action: untagResource, rules: untagResourceRules },
  UpdateItem: { action: updateItem, rules: updateItemRules },
  UpdateTable: { action: updateTable, rules: updateTableRules },
};

const API_VERSIONS = new Set(['DynamoDB_20111205', 'DynamoDB_20120810']);

export interface DynamoDbAnswer {
  status: number;
  /** The JSON body, as text. */
  body: string;
}

export interface DynaliteEngine extends InPageRequestTarget {
  /** One call of the DynamoDB JSON protocol: `target` is `X-Amz-Target` (`DynamoDB_20120810.PutItem`). */
  call(target: string, body: string): Promise<DynamoDbAnswer>;
}

/** Options that make tables ACTIVE at once, in the Node emulator's dynalite and in the page alike. */
export const DYNALITE_OPTIONS = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };

/** The engine over `store` (the one dynalite's HTTP server also serves), or over a store of its own. */
export function createDynaliteEngine(store: DynaliteStore = dynaliteDb.create(DYNALITE_OPTIONS)): DynaliteEngine {

  async function call(target: string, body: string): Promise<DynamoDbAnswer> {
    const [api, operationName] = target.split('.');
    const operation = operationName === undefined ? undefined : OPERATIONS[operationName];
    if (!api || !API_VERSIONS.has(api) || !operation || target.split('.').length !== 2) {
      return answer(400, { __type: 'com.amazon.coral.service#UnknownOperationException' });
    }
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return answer(400, { __type: 'com.amazon.coral.service#SerializationException' });
    }
    try {
      data = validations.checkTypes(data, operation.rules.types);
      validations.checkValidations(data, operation.rules.types, operation.rules.custom, store);
    } catch (error) {
      return answerError(error);
    }
    return new Promise((resolve) => {
      operation.action(store, data, (error, result) => resolve(error ? answerError(error) : answer(200, result)));
    });
  }

  /** The same call as an SDK request (in-page-sdk-handler.ts): the operation is in its `X-Amz-Target` header. */
  async function request(_method: string, _target: string, init: { body?: Uint8Array | string; headers?: Record<string, string> } = {}): Promise<InPageResponse> {
    const header = Object.entries(init.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1] ?? '';
    const body = typeof init.body === 'string' ? init.body : new TextDecoder().decode(init.body ?? new Uint8Array(0));
    const { status, body: text } = await call(header, body);
    return { status, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': newRequestId() }, body: text };
  }

  return { call, request };
}

/** dynalite reports a DynamoDB error as `{ statusCode, body }`; anything else is its own failure. */
function answerError(error: unknown): DynamoDbAnswer {
  const known = error as { statusCode?: number; body?: unknown };
  if (typeof known.statusCode === 'number') return answer(known.statusCode, known.body);
  const message = error instanceof Error ? error.message : String(error);
  return answer(500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message });
}

function answer(status: number, value: unknown): DynamoDbAnswer {
  return { status, body: JSON.stringify(value) };
}
