// A count with its noun in the right number, for messages people read: "1 line", "2 lines".
// English only needs it: Chinese messages put a measure word after the number (1 行, 2 行).

/** `n` and the noun, singular for exactly 1 (and -1), else the plural (`${noun}s` unless given). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${Math.abs(n) === 1 ? noun : plural}`;
}

/** The verb after a count: `is`/`are`, `was`/`were`, `repeats`/`repeat` (singular for exactly 1). */
export function agreeing(n: number, singular: string, plural: string): string {
  return Math.abs(n) === 1 ? singular : plural;
}
