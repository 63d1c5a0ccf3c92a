import type { CSSProperties } from 'react';
import { CSS_VAR_KEY } from '../app/theme';

/**
 * The classes antd's Button, Tag, Statistic, Typography and Flex put on their elements (antd 6, the
 * app's theme), for plain elements that look the same in a list's rows and a page's frame: each antd
 * component costs its hooks (style registration, tokens, semantic class merging) once per row, ~⅓
 * of My work's first render, and each kind of them its first style work on a fresh page. Their
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

/** `<Typography.Title>`, `<Typography.Paragraph>` (a div) or `<Typography.Text>` (a span), of a `type` or none. */
export const typographyClass = (hashId: string, type?: 'secondary') =>
  ['ant-typography', type && `ant-typography-${type}`, hashId, CSS_VAR_KEY].filter(Boolean).join(' ');

export interface FlexLayout {
  wrap?: boolean;
  align?: 'center';
  justify?: 'space-between' | 'center' | 'flex-end';
}

/** `<Flex>`'s box (a numeric gap is its style's `gap`, as antd writes it). */
export const flexClass = (hashId: string, { wrap, align, justify }: FlexLayout) =>
  [
    'ant-flex',
    hashId,
    CSS_VAR_KEY,
    wrap && 'ant-flex-wrap-wrap',
    align && `ant-flex-align-${align}`,
    justify && `ant-flex-justify-${justify}`,
  ]
    .filter(Boolean)
    .join(' ');

/** A `<Flex>`'s class and style: a numeric gap goes in the style after the given style, as antd writes it. */
export const flexAttributes = (hashId: string, layout: FlexLayout, style?: CSSProperties, gap?: number) => ({
  className: flexClass(hashId, layout),
  style: gap === undefined ? style : { ...style, gap },
});
