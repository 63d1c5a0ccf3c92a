/** `--name value` on the command line, or undefined. */
export function stringArg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** `--name value` on the command line as a number, else the fallback. */
export function numberArg(name: string, fallback: number): number {
  const value = stringArg(name);
  return value === undefined ? fallback : Number(value);
}

/** Runs a benchmark as a program: its figures are the last line of output, one JSON object; a failure exits 1. */
export function printResult(run: Promise<object>): void {
  run.then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
