/** Quote a CSV field when it holds a delimiter, quote or line break (RFC 4180). */
export function csvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim()) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** A whole CSV document; CRLF line ends and a UTF-8 BOM so that Excel opens Chinese text correctly. */
export function toCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map((cell) => csvField(cell)).join(',')).join('\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${body}\r\n`;
}
