import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { ApiErrorCode } from '../../api/api-error';
import { ReportRequestErrorCode } from '../../reports/sources/report-error';
import { REFUSAL_MESSAGES } from '../../web/src/services/refusal-codes';
import enUS from '../../web/src/locales/en-US';
import zhCN from '../../web/src/locales/zh-CN';

const ROOT = path.resolve(__dirname, '../..');
const SERVER_DIRS = [
  'api',
  'auth',
  'users',
  'tasks',
  'customers',
  'webhooks',
  'periods',
  'imports',
  'reports',
];

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
      for (const match of readFileSync(file, 'utf8').matchAll(literal)) codes.add(match[1]);
  return codes;
}

describe("the web app's one map of refusal codes", () => {
  it('words every code the server can refuse with', () => {
    const unknown = [...serverRefusalCodes()].filter((code) => !(code in REFUSAL_MESSAGES));
    expect(unknown).toEqual([]);
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
