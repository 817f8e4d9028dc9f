import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Light distribution as a pie (the table beside it gives the same numbers in text). */
export function LightPie({ data, label, onPick }: { data: { name: string; value: number; colour: string; key: string }[]; label: string; onPick(key: string): void }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 260 }}
      opts={{ renderer: 'canvas' }}
      onEvents={{ click: (e: { data?: { key?: string } }) => e.data?.key && onPick(e.data.key) }}
      option={{
        animation: false,
        textStyle: { fontFamily: FONT },
        aria: { enabled: true, label: { description: label } },
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '70%'],
            data: data.map((d) => ({ name: d.name, value: d.value, key: d.key, itemStyle: { color: d.colour } })),
            label: { formatter: '{b}: {c}' },
          },
        ],
      }}
    />
  );
}

/** One bar per unit (rate in percent); a click opens the unit's items. */
export function RateBars({ rows, label, onPick }: { rows: { key: string; name: string; value: number | null }[]; label: string; onPick(key: string): void }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: Math.max(220, rows.length * 26 + 40) }}
      onEvents={{
        click: (e: { dataIndex?: number }) => {
          const r = e.dataIndex !== undefined ? rows[e.dataIndex] : undefined;
          if (r) onPick(r.key);
        },
      }}
      option={{
        animation: false,
        textStyle: { fontFamily: FONT },
        aria: { enabled: true, label: { description: label } },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
        series: [{ type: 'bar', data: rows.map((r) => (r.value === null ? 0 : Math.round(r.value * 1000) / 10)), itemStyle: { color: '#b7312c' }, barMaxWidth: 18 }],
      }}
    />
  );
}

/** Rates per month as lines (a month with nothing due has no point); a click opens that month's dashboard. */
export function TrendLines({
  points,
  names,
  label,
  onPick,
}: {
  points: { label: string; onTime: number | null; closure: number | null }[];
  names: [string, string];
  label: string;
  onPick(month: string): void;
}) {
  const p = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 240 }}
      onEvents={{ click: (e: { name?: string }) => e.name && onPick(e.name) }}
      option={{
        animation: false,
        textStyle: { fontFamily: FONT },
        aria: { enabled: true, label: { description: label } },
        tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
        legend: { bottom: 0 },
        grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
        xAxis: { type: 'category', data: points.map((x) => x.label) },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: names[0], type: 'line', data: points.map((x) => p(x.onTime)), itemStyle: { color: '#b7312c' }, connectNulls: false },
          { name: names[1], type: 'line', data: points.map((x) => p(x.closure)), itemStyle: { color: '#1677ff' }, connectNulls: false },
        ],
      }}
    />
  );
}
