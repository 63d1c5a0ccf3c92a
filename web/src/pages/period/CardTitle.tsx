import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A card's heading, one level below the page's title (headings in order for screen readers). */
export function CardTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
      {children}
    </Typography.Title>
  );
}
