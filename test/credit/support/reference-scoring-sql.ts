// The nightly scoring's ledger measures as they were first written: two window passes in SQL over the
// whole ledger (46 s at 10,000 customers and 1M entries). Kept as the reference the streamed FIFO
// (credit/fifo-clearing.ts) must equal on any ledger.
import { SCORE_WINDOW_DAYS, TREND_DAYS } from '../../../credit/scoring-sql';

export const INVOICES_SQL = `
WITH terms_ranges AS (
  SELECT a.customer_id, a.effective_from,
         LEAD(a.effective_from) OVER (PARTITION BY a.customer_id ORDER BY a.effective_from) AS until_date,
         t.kind,
         CASE WHEN t.kind = 'INSTALMENTS' THEN (
           SELECT ROUND(SUM(j.percent * (j.days + IF(j.month_end = 'true', 15, 0))) / 100)
             FROM JSON_TABLE(t.instalments, '$[*]' COLUMNS (percent DECIMAL(9,4) PATH '$.percent',
                  days INT PATH '$.days', month_end VARCHAR(5) PATH '$.monthEnd')) j)
         ELSE t.days END AS days
    FROM customer_payment_terms a JOIN payment_terms t ON t.id = a.terms_id
),
e AS (
  SELECT le.customer_id, le.id, le.entry_date, le.amount,
         SUM(GREATEST(le.amount, 0)) OVER w AS cum_d,
         SUM(GREATEST(-le.amount, 0)) OVER w AS cum_c
    FROM ledger_entries le JOIN customers c ON c.id = le.customer_id AND c.currency = le.currency
   WHERE le.entry_date <= ?
  WINDOW w AS (PARTITION BY le.customer_id ORDER BY le.entry_date, le.id)
),
stream AS (
  SELECT customer_id, entry_date, amount, cum_d AS k, 0 AS typ, CAST(NULL AS DATE) AS c_date FROM e WHERE amount > 0
  UNION ALL
  SELECT customer_id, entry_date, amount, cum_c AS k, 1 AS typ, entry_date AS c_date FROM e WHERE amount < 0
),
cleared AS (
  SELECT customer_id, entry_date, amount, typ,
         MIN(c_date) OVER (PARTITION BY customer_id ORDER BY k, typ
                           ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS clear_date
    FROM stream
),
inv AS (
  SELECT cl.customer_id, cl.amount, GREATEST(cl.clear_date, cl.entry_date) AS clear_date,
         CASE WHEN tr.kind = 'MONTH_END' THEN LAST_DAY(cl.entry_date) + INTERVAL tr.days DAY
              ELSE cl.entry_date + INTERVAL COALESCE(tr.days, 30) DAY END AS due_date
    FROM cleared cl
    LEFT JOIN terms_ranges tr ON tr.customer_id = cl.customer_id AND cl.entry_date >= tr.effective_from
         AND (tr.until_date IS NULL OR cl.entry_date < tr.until_date)
   WHERE cl.typ = 0 AND cl.entry_date > ? - INTERVAL ${SCORE_WINDOW_DAYS} DAY
)
SELECT CAST(customer_id AS CHAR) AS customer_id,
       CAST(SUM(amount) AS CHAR) AS invoiced,
       COUNT(*) AS invoices,
       CAST(COALESCE(SUM(CASE WHEN due_date <= ? THEN amount END), 0) AS CHAR) AS due_amount,
       CAST(COALESCE(SUM(CASE WHEN due_date <= ? AND (clear_date IS NULL OR clear_date > due_date)
                     THEN amount END), 0) AS CHAR) AS late_amount,
       CAST(COALESCE(SUM(CASE WHEN due_date <= ?
                     THEN amount * GREATEST(0, DATEDIFF(COALESCE(clear_date, ?), due_date)) END), 0) AS CHAR) AS late_amount_days
  FROM inv GROUP BY customer_id`;

export const BALANCES_SQL = `
SELECT CAST(le.customer_id AS CHAR) AS customer_id,
       CAST(SUM(le.amount) AS CHAR) AS balance_now,
       CAST(SUM(CASE WHEN le.entry_date <= ? - INTERVAL ${TREND_DAYS} DAY THEN le.amount ELSE 0 END) AS CHAR) AS balance_before
  FROM ledger_entries le JOIN customers c ON c.id = le.customer_id AND c.currency = le.currency
 WHERE le.entry_date <= ?
 GROUP BY le.customer_id`;
