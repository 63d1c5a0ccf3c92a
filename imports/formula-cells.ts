/**
 * Spreadsheet formulas in CSV text we write (OWASP "CSV injection"). Text in reports and in the rejects
 * file of an upload comes from customers' files and integrators (descriptions, references, names):
 * opened in a spreadsheet, a cell starting with = + - @ (or a tab or CR before one) ran as a formula
 * (`=HYPERLINK(…)`, DDE). Such a cell gets a leading apostrophe and shows as the text it is.
 */

/** Only digits, separators and a sign: a number in any grouping (-1,500.00), never a formula. */
const NUMBER_TEXT = /^[-+]?[\d., ]*\d[\d., ]*$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALIZED = /^'[=+\-@\t\r]/;

/** The text with a leading apostrophe when a spreadsheet would take it for a formula; numbers stay. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text) ? `'${text}` : text;
}

/**
 * A CSV cell as read back for an import: the apostrophe `neutralizeFormula` put before = + - @ (or a
 * spreadsheet's text marker there) is dropped, so a rejects file imports again with the template the
 * file came with. Any other apostrophe is the cell's own.
 */
export function readNeutralized(text: string): string {
  return NEUTRALIZED.test(text) ? text.slice(1) : text;
}
