import type { ReactNode } from 'react';
import { Tag } from 'antd';

export type Tone = 'neutral' | 'info' | 'progress' | 'success' | 'warning' | 'error' | 'special';

/**
 * Antd's preset tag colours (light background, mid-tone text) fall short of WCAG AA contrast; these
 * are the dark shades of the same palette, white text on them reads at ≥ 4.5:1.
 */
const TONE_COLORS: Record<Tone, string> = {
  neutral: '#595959',
  info: '#003eb3',
  progress: '#0958d9',
  success: '#237804',
  warning: '#ad4e00',
  error: '#a8071a',
  special: '#391085',
};

/** A short state word on a coloured tag, readable by everyone. */
export function StatusTag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <Tag color={TONE_COLORS[tone]} data-testid={testId}>
      {children}
    </Tag>
  );
}
