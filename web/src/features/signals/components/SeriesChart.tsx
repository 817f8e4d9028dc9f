import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { SeriesChart as Chart } from '../queries.js';

echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, CanvasRenderer]);

export interface SeriesChartLabels {
  readonly observed: string;
  readonly threshold: string;
  readonly expected: string;
  readonly alarm: string;
}

/** Observed counts, the expected value, the threshold band and the alarms; clicking an alarm opens its item. */
export function SeriesChart({ chart, labels, onAlarm }: { chart: Chart; labels: SeriesChartLabels; onAlarm(period: string): void }) {
  const periods = chart.points.map((p) => p.period);
  const statistic = chart.thresholdScale === 'statistic';
  const value = (p: Chart['points'][number]) => (statistic ? p.observed : p.count);
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 340 }}
      onEvents={{ click: (e: { seriesName?: string; name?: string }) => e.seriesName === labels.alarm && e.name && onAlarm(e.name) }}
      option={{
        animation: false,
        textStyle: { fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" },
        aria: { enabled: true, label: { description: `${chart.indicator.name} · ${chart.region.name}` } },
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
        xAxis: { type: 'category', data: periods, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: labels.threshold,
            type: 'line',
            data: chart.points.map((p) => p.threshold),
            lineStyle: { type: 'dashed', color: '#d48806' },
            itemStyle: { color: '#d48806' },
            areaStyle: { color: 'rgba(250, 219, 20, 0.12)' },
            symbol: 'none',
            connectNulls: false,
          },
          {
            name: labels.expected,
            type: 'line',
            data: chart.points.map((p) => p.expected),
            lineStyle: { type: 'dotted', color: '#8c8c8c' },
            itemStyle: { color: '#8c8c8c' },
            symbol: 'none',
          },
          { name: labels.observed, type: 'line', data: chart.points.map(value), itemStyle: { color: '#1677ff' }, symbolSize: 4 },
          {
            name: labels.alarm,
            type: 'scatter',
            data: chart.points.map((p) => (p.alarm ? value(p) : null)),
            itemStyle: { color: '#cf1322' },
            symbolSize: 12,
            cursor: 'pointer',
          },
        ],
      }}
    />
  );
}
