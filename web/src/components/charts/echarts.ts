/**
 * Apache ECharts, only what the dashboard draws: bar charts on a grid with a tooltip, on canvas.
 * Imported from `echarts/core` piece by piece (tree-shaken), and only by the lazily loaded chart
 * chunk, so the first load of the app never carries it. Canvas needs no inline styles or eval,
 * which our CSP forbids; the Chinese and English locales are built in.
 */
import { init, use as registerParts, type ComposeOption } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

registerParts([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export { init };
