// The peer of `npm run bench -- match-files`, in its own process: DuckDB (a dev dependency, never
// used at run time) reads both CSVs and joins them on customer + normalised reference + amount —
// exact matches only, far less work than Recon's rules — writing the pairs to a CSV.
// Usage: node _duckdb-join.js LEDGER STATEMENT OUT. Prints {"pairs": n}.
import { DuckDBInstance } from '@duckdb/node-api';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
// The document number, else the reference: lower case, letters and digits only.
const reference = `regexp_replace(lower(coalesce(nullif(doc_no, ''), reference, '')), '[^a-z0-9]', '', 'g')`;
// The amount as an exact decimal of 18 digits, 4 of them decimals (a 64-bit integer inside): every
// amount of the bench's files fits (they have at most 7 whole digits), and one that does not is
// refused (a conversion error), never rounded, so the join stays exact. DECIMAL(20, 4), Recon's own
// limit of 16 whole digits, is a 128-bit decimal in DuckDB, and reading text into one cost ~8 µs a
// value (DuckDB 1.5): ~8 s of CPU a file, most of the peer's time, where DECIMAL(18, 4) takes ~0.3 s.
const side = (file: string) =>
  `SELECT id, customer, ${reference} AS ref, CAST(amount AS DECIMAL(18, 4)) AS amount
     FROM read_csv(${quote(file)}, header = true, all_varchar = true)
    WHERE kind NOT IN ('opening_balance', 'closing_balance')`;

async function main(): Promise<void> {
  const [ledger, statement, out] = process.argv.slice(2);
  if (!ledger || !statement || !out) throw new Error('usage: _duckdb-join LEDGER STATEMENT OUT');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const copied = await db.runAndReadAll(
    `COPY (SELECT o.id AS our_id, t.id AS their_id
             FROM (${side(ledger)}) o JOIN (${side(statement)}) t
               ON o.customer = t.customer AND o.ref = t.ref AND o.amount = t.amount
            WHERE o.ref <> '') TO ${quote(out)} (HEADER, DELIMITER ',')`,
  );
  // COPY answers with the number of rows it wrote.
  console.log(JSON.stringify({ pairs: Number(copied.getRows()[0][0]) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
