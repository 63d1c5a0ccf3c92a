import { CSS_VAR_KEY } from '../app/theme';

/**
 * The classes antd's Button, Tag and Statistic put on their elements (antd 6, the app's theme), for
 * plain elements that look the same in a list's rows: each antd component costs its hooks (style
 * registration, tokens, semantic class merging) once per row, ~⅓ of My work's first render. Their
 * CSS is in the build's style file (build/antd-style-file.ts), variables included. `hashId` is
 * antd's theme hash (useAntdHashId). test/web/antd-look.test.ts checks these against what antd
 * itself renders.
 */

export type ButtonKind = 'primary' | 'default';

/** A small button (`<Button size="small" type={kind}>`): solid blue for primary, outlined otherwise. */
export const smallButtonClass = (hashId: string, kind: ButtonKind) =>
  [
    'ant-btn',
    hashId,
    CSS_VAR_KEY,
    `ant-btn-${kind}`,
    `ant-btn-color-${kind}`,
    `ant-btn-variant-${kind === 'primary' ? 'solid' : 'outlined'}`,
    'ant-btn-sm',
  ]
    .filter(Boolean)
    .join(' ');

/** A tag of one of antd's preset colours (`<Tag color={color}>`). */
export const presetTagClass = (hashId: string, color: string) =>
  ['ant-tag', 'ant-tag-filled', `ant-tag-${color}`, hashId, CSS_VAR_KEY].filter(Boolean).join(' ');

/** `<Statistic>`'s root. */
export const statisticClass = (hashId: string) =>
  ['ant-statistic', hashId, CSS_VAR_KEY].filter(Boolean).join(' ');

/** A whole number as Statistic writes it: groups of three digits with commas ("12,345"). */
export const statisticInteger = (value: number) =>
  String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
