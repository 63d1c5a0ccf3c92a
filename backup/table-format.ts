/** The first line of a table file: which columns each row array holds, and which are base64 (binary). */
export interface TableHeader {
  table: string;
  columns: string[];
  /** Indexes of binary columns, whose values are base64; every other value is the server's text. */
  binary: number[];
}

/** schema.json: the tables as they were (created again before their rows load) and the triggers (after). */
export interface BackupSchema {
  tables: Array<{ createSql: string; header: TableHeader }>;
  triggers: Array<{ name: string; table: string; createSql: string }>;
}

const BINARY_TYPES = new Set([
  'binary',
  'varbinary',
  'tinyblob',
  'blob',
  'mediumblob',
  'longblob',
  'bit',
  'geometry',
]);

export const isBinaryType = (dataType: string) => BINARY_TYPES.has(dataType.toLowerCase());

export const tableFile = (table: string) => `tables/${table}.jsonl.gz`;
