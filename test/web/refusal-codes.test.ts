import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { ApiErrorCode } from '../../api/api-error';
import { ReportRequestErrorCode } from '../../reports/sources/report-error';
import { format, type MessageKey, type MessageValues } from '../../web/src/i18n/catalog';
import { FIELD_NAMES } from '../../web/src/services/field-names';
import { REFUSAL_MESSAGES } from '../../web/src/services/refusal-codes';
import { refusalSentence } from '../../web/src/services/refusal-reading';
import enUS from '../../web/src/locales/en-US';
import zhCN from '../../web/src/locales/zh-CN';

const ROOT = path.resolve(__dirname, '../..');
/** Top-level folders that are no part of the running server (clients, tools, tests, the web app). */
const NOT_SERVER = new Set(['node_modules', 'dist', 'docs', 'test', 'web', 'bench', 'scripts', 'docker']);
/** Literal `code: 'X'` in server sources that is no refusal: a warning on an accepted ledger entry, a sort order. */
const NOT_REFUSALS = new Set(['LATE_ENTRY', 'ASC', 'DESC']);
/** Every top-level source folder of the server, so that a new module is read too. */
const SERVER_DIRS = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !NOT_SERVER.has(d.name))
  .map((d) => d.name);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every refusal code the server can put in `extensions.code` or a REST error body: the API's
 * enum, Apollo's own, the report routes', and every literal code in the server's HTTP layer
 * (`code: 'X'`, `fail(res, 4xx, 'X'`, `RequestRefused(4xx, 'X'`), found by reading the sources so
 * that a code added anywhere later is found too.
 */
function serverRefusalCodes(): Set<string> {
  const codes = new Set<string>([
    ...Object.values(ApiErrorCode),
    ...Object.values(ApolloServerErrorCode),
    ...Object.values(ApolloServerValidationErrorCode),
    ...Object.values(ReportRequestErrorCode),
  ]);
  const literal = /(?:\bcode: |RequestRefused\(\d{3}, |fail\(res, \d{3}, )'([A-Z][A-Z_]+)'/g;
  for (const dir of SERVER_DIRS)
    for (const file of sources(path.join(ROOT, dir)))
      for (const match of readFileSync(file, 'utf8').matchAll(literal))
        if (!NOT_REFUSALS.has(match[1])) codes.add(match[1]);
  return codes;
}

describe("the web app's one map of refusal codes", () => {
  it('words every code the server can refuse with', () => {
    const unknown = [...serverRefusalCodes()].filter((code) => !(code in REFUSAL_MESSAGES));
    expect(unknown).toEqual([]);
  });

  it('words every code docs/errors.md lists', () => {
    const documented = [
      ...readFileSync(path.join(ROOT, 'docs/errors.md'), 'utf8').matchAll(/^\| `([A-Z_]+)` \|/gm),
    ];
    expect(documented.length).toBeGreaterThan(15);
    expect(documented.map((m) => m[1]).filter((code) => !(code in REFUSAL_MESSAGES))).toEqual([]);
  });

  it('has a sentence for each, in Chinese and in English', () => {
    for (const key of Object.values(REFUSAL_MESSAGES)) {
      const [domain, name] = key.split('.') as [keyof typeof zhCN, string];
      for (const catalog of [zhCN, enUS]) {
        const text = (catalog[domain] as Record<string, string>)[name];
        expect([key, typeof text === 'string' && text.length > 3]).toEqual([key, true]);
      }
    }
  });
});

describe('a refusal that names fields (extensions.problems)', () => {
  const zh = (key: MessageKey, values?: MessageValues) => format(zhCN, key, values);
  const en = (key: MessageKey, values?: MessageValues) => format(enUS, key, values);
  // What applyReceivable answers when a clerk applies more than the receipt has left (#16).
  const overApplied = new CombinedGraphQLErrors({
    errors: [
      {
        message: '1 invalid field(s): amount: the credit has 0 left to apply by hand',
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [{ index: -1, field: 'amount', reason: 'the credit has 0 left to apply by hand' }],
        },
      },
    ],
  });

  it('says what happened, then each field in the user language with the server reason', () => {
    expect(refusalSentence(overApplied, en)).toBe(
      'Something in what you entered is not right. Check it and try again. ' +
        'What the server found: Amount: the credit has 0 left to apply by hand.',
    );
    expect(refusalSentence(overApplied, zh)).toBe(
      '输入有误，请检查后重试。服务器指出：金额：the credit has 0 left to apply by hand。',
    );
  });

  it('keeps a field it has no name for as the API names it, and says nothing more when none is named', () => {
    const odd = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'x',
          extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'ruleSettings.x', reason: 'too big' }] },
        },
      ],
    });
    expect(refusalSentence(odd, en)).toContain('ruleSettings.x: too big');
    const plain = new CombinedGraphQLErrors({
      errors: [{ message: 'x', extensions: { code: 'WRONG_STATE' } }],
    });
    expect(refusalSentence(plain, en)).toBe(en('errors.wrongState'));
  });

  it("leaves a customer link's reason (UNAUTHENTICATED, field link) to the link pages", () => {
    const expired = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'x',
          extensions: { code: 'UNAUTHENTICATED', problems: [{ field: 'link', reason: 'LINK_EXPIRED' }] },
        },
      ],
    });
    expect(refusalSentence(expired, en)).toBe(en('errors.unauthenticated'));
  });

  it('names every field it knows in Chinese and in English', () => {
    for (const key of Object.values(FIELD_NAMES)) {
      expect([key, zh(key) !== key && en(key) !== key]).toEqual([key, true]);
    }
  });
});
