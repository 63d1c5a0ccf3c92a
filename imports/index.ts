/** What the API, workflows and CLI use from imports/. */
export { importStatementFile, type StatementImportOptions } from './bulk-load';
export {
  importLedgerFile,
  type LedgerImportOptions,
  type LedgerImportResult,
  type LedgerImportedResult,
} from './ledger-load';
export type { DuplicateResult, ImportResult, ImportedResult, RejectedResult } from './import-result';
export type { ImportMode } from './types';
export {
  readStatementFile,
  StatementReader,
  type ReadOptions,
  type ReadSummary,
  type RejectedRow,
} from './statement-reader';
export {
  parseTemplate,
  type MappingTemplate,
  type AmountMapping,
  type ColumnMapping,
  type ColumnRef,
} from './template';
export { loadTemplate, saveTemplate, type StoredTemplate } from './template-store';
export { rejectsCsv } from './rejects';
export { hashInput } from './file-hash';
export { parseAmount } from '../formats/amount';
export { parseDate, type DateFormat } from '../formats/date';
export {
  ImportErrorCode,
  ImportFileError,
  TemplateError,
  formatIssue,
  type ImportIssue,
  type TemplateProblem,
} from './errors';
export type { ImportInput, StatementLineInput } from './types';
