import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { flexAttributes, type FlexLayout } from './antd-look';

type PlainFlexProps = FlexLayout &
  Omit<HTMLAttributes<HTMLDivElement>, 'className'> & {
    /** antd's theme hash (useAntdHashId), read once by the page rather than by each box. */
    hashId: string;
    gap?: number;
    style?: CSSProperties;
    children?: ReactNode;
  };

/**
 * antd's `<Flex>` as a plain div in its classes (components/antd-look.ts): on the first paint of a
 * page each antd component kind costs its style registration and hooks.
 */
export function PlainFlex({ hashId, wrap, align, justify, gap, style, children, ...rest }: PlainFlexProps) {
  return (
    <div {...flexAttributes(hashId, { wrap, align, justify }, style, gap)} {...rest}>
      {children}
    </div>
  );
}
