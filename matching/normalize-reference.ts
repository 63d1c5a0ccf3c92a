// "INV-2026-0001", "inv20260001" and "发票号：２０２６０００１" are one document.

const PREFIX =
  /^(?:发票号码?|发票|单据号|单号|付款|收款|回款|票号|invoice(?=\d)|inv(?=\d)|no(?=\d)|nr(?=\d)|num(?=\d)|ref(?=\d)|paymentfor|#)+/;

/** Full-width to half-width, case, punctuation and spaces, document-type prefixes, leading zeros. */
export function normalizeReference(raw: string | undefined): string {
  if (!raw) return '';
  let text = raw.normalize('NFKC').toLowerCase();
  text = text.replace(/[\s:：.,，、#\-_/\\()（）[\]【】'"]+/g, '');
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(PREFIX, '');
  }
  text = text.replace(/[^0-9a-z\u4e00-\u9fff]/g, '');
  return text.replace(/^0+(?=\d)/, '');
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}
