/**
 * What one .xlsx upload may make the server do. A workbook is a ZIP of XML: 3 MB on the wire can be
 * 300,000 rows and most of a gigabyte once parsed. Statements larger than this are sent as CSV,
 * which is read as a stream.
 */
export const XLSX_LIMITS = {
  /** All of the workbook's parts together, decompressed, as the archive declares them. */
  maxUncompressedBytes: 64 * 1024 * 1024,
  /** Rows of the worksheet read. */
  maxRows: 100_000,
  /** Heap of the thread that parses it: a workbook that lies about its size dies there, alone. */
  maxHeapMb: 512,
} as const;

export type XlsxLimits = { readonly [K in keyof typeof XLSX_LIMITS]: number };
