import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { init, type ChartOption } from './echarts';

interface Props {
  /** Tooltips must use renderMode 'richText' (canvas): ECharts' HTML tooltips carry style attributes the CSP blocks. */
  option: ChartOption;
  /** What the chart shows, in words (its accessible name: a canvas says nothing to a screen reader). */
  label: string;
  height?: number;
  testId?: string;
}

/** One ECharts chart in the current language, resized with the window, disposed with the component. */
export default function EChart({ option, label, height = 260, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { language } = useI18n();
  useEffect(() => {
    const chart = init(ref.current!, undefined, {
      renderer: 'canvas',
      locale: language === 'zh-CN' ? 'ZH' : 'EN',
    });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, language]);
  return (
    <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />
  );
}
