// dynalite ships no types; this is the part of its API the emulator uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    /** Milliseconds a new table stays CREATING; 0 makes it ACTIVE at once. */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** A LevelDB folder; without it everything lives in memory. */
    path?: string;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}

// dynalite's engine, called without its HTTP server (dynalite-engine.ts).
declare module 'dynalite/db/index.js' {
  export interface DynaliteStore {
    readonly db: unknown;
  }
  export type DynaliteAction = (store: DynaliteStore, data: unknown, done: (error: unknown, result?: unknown) => void) => void;
  export interface DynaliteRules {
    types: unknown;
    custom?: unknown;
  }
  /** An item in DynamoDB's attribute-value JSON: `{ id: { S: 'a' } }`. */
  export type DynaliteItem = Record<string, Record<string, unknown>>;
  export interface DynaliteTable {
    TableName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  }
  const db: {
    create(options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }): DynaliteStore;
    /** Called by every write with the item before and after it (either may be missing). */
    updateIndexes(store: DynaliteStore, table: DynaliteTable, oldItem: DynaliteItem | null | undefined, newItem: DynaliteItem | null | undefined, cb: (error?: unknown) => void): void;
  };
  export default db;
}
declare module 'dynalite/validations/index.js' {
  import type { DynaliteRules, DynaliteStore } from 'dynalite/db/index.js';
  const validations: {
    checkTypes(data: unknown, types: DynaliteRules['types']): unknown;
    checkValidations(data: unknown, types: DynaliteRules['types'], custom: DynaliteRules['custom'], store: DynaliteStore): void;
  };
  export default validations;
}
declare module 'dynalite/actions/*' {
  import type { DynaliteAction } from 'dynalite/db/index.js';
  const action: DynaliteAction;
  export default action;
}
declare module 'dynalite/validations/*' {
  import type { DynaliteRules } from 'dynalite/db/index.js';
  const rules: DynaliteRules;
  export default rules;
}
