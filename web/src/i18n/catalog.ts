import type zhCN from '../locales/zh-CN';

type Source = typeof zhCN;
export type Domain = keyof Source & string;

/** One domain's messages in another language: the same keys as zh-CN, any text. */
export type Messages<D extends Domain> = { readonly [K in keyof Source[D]]: string };

/** A whole language: every domain of zh-CN with every key. */
export type Catalog = { readonly [D in Domain]: Messages<D> };

/** "domain.key", e.g. "errors.staleVersion": typed, so a missing key fails the type check. */
export type MessageKey = { [D in Domain]: `${D}.${keyof Source[D] & string}` }[Domain];

export type MessageValues = Readonly<Record<string, string | number>>;

/** The message with {name} placeholders filled in. */
export function format(catalog: Catalog, key: MessageKey, values?: MessageValues): string {
  const dot = key.indexOf('.');
  const domain = catalog[key.slice(0, dot) as Domain] as Readonly<Record<string, string>>;
  const text = domain[key.slice(dot + 1)] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
