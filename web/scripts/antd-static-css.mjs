/* global console, process */
// Ant Design's styles, computed once at build time instead of in every browser on every first load.
//
// antd 5 writes its CSS at run time (CSS-in-JS): the first render of each component builds its style objects,
// serialises and hashes them and inserts a <style>. On the ledger page that is a sizeable share of the main
// thread's work before the rows show. Ant Design's own server-rendering path avoids it: the styles of a render
// are extracted into CSS together with a map of their cache paths, and a browser that finds that map in a
// style sheet (`.data-ant-cssinjs-cache-path`) uses the CSS as it is and skips generating those styles.
//
// This Vite plugin renders every antd component (and the panels of its pop-ups) in Node with the app's theme,
// extracts the CSS and serves it as the module `virtual:antd.css`, which main.tsx imports: it lands in the
// entry's style sheet, loaded before any script runs. Whatever it misses (a component rendered with props that
// add styles of their own, another theme) is still generated at run time as before: the map only names what
// the file holds, so a miss costs speed, never correctness.
import { createRequire } from 'node:module';

const VIRTUAL = 'virtual:antd.css';
const RESOLVED = '/__luoshi-antd.css';

/**
 * The antd components the web app uses (and those they are made of, e.g. a table's pagination, spinner and
 * empty state). A component missing here still works: its styles are then generated in the browser as before.
 */
const COMPONENTS = [
  'Alert',
  'App',
  'Badge',
  'Button',
  'Card',
  'Checkbox',
  'Col',
  'DatePicker',
  'Descriptions',
  'Divider',
  'Dropdown',
  'Empty',
  'Form',
  'Image',
  'Input',
  'InputNumber',
  'Layout',
  'List',
  'Menu',
  'Modal',
  'Pagination',
  'Popover',
  'Progress',
  'QRCode',
  'Radio',
  'Result',
  'Row',
  'Select',
  'Skeleton',
  'Space',
  'Spin',
  'Statistic',
  'Switch',
  'Table',
  'Tabs',
  'Tag',
  'Timeline',
  'Tooltip',
  'Tree',
  'Typography',
  'Upload',
];

/** The extracted CSS (with its cache-path map) for a theme (antd's ThemeConfig; give cssVar a fixed key). */
export function extractAntdCss(theme) {
  const require = createRequire(import.meta.url);
  const React = require('react');
  const { renderToString } = require('react-dom/server');
  const antd = require('antd');
  const { createCache, extractStyle, StyleProvider } = require('@ant-design/cssinjs');
  const h = React.createElement;
  const cache = createCache();
  const nodes = [];
  for (const name of COMPONENTS) {
    const Comp = antd[name];
    if (!Comp) continue;
    if (name === 'Dropdown') nodes.push(h(Comp, { key: name, menu: { items: [] } }, h('span')));
    else if (name === 'QRCode') nodes.push(h(Comp, { key: name, value: 'luoshi' }));
    else nodes.push(h(Comp, { key: name }));
    const Panel = Comp._InternalPanelDoNotUseOrYouWillBeFired;
    if (Panel) nodes.push(h(Panel, { key: `${name}.panel` }));
  }
  for (const name of ['message', 'notification']) {
    const Panel = antd[name]?._InternalPanelDoNotUseOrYouWillBeFired;
    if (Panel) nodes.push(h(Panel, { key: `${name}.panel` }));
  }
  // A few sub-components and shapes the app uses whose styles are registered apart from their parent's.
  nodes.push(
    h(antd.Layout.Sider, { key: 'sider', collapsible: true, breakpoint: 'lg' }),
    h(antd.Layout.Header, { key: 'header' }),
    h(antd.Layout.Content, { key: 'content' }),
    h(antd.Input.Search, { key: 'search', allowClear: true }),
    h(antd.Input.TextArea, { key: 'textarea' }),
    h(antd.Input.Password, { key: 'password' }),
    h(antd.Space.Compact, { key: 'compact' }, h(antd.Input), h(antd.Button)),
    h(antd.Select, { key: 'multi', mode: 'multiple', maxTagCount: 'responsive', value: ['a'], options: [{ value: 'a', label: 'a' }] }),
    h(antd.Typography.Text, { key: 'text' }),
    h(antd.Typography.Title, { key: 'title' }),
    h(antd.Typography.Paragraph, { key: 'paragraph' }),
    h(antd.Form.Item, { key: 'formitem', label: 'x' }, h(antd.Input)),
    h(antd.Table, { key: 'table', columns: [{ key: 'a', title: 'a', dataIndex: 'a' }], dataSource: [{ key: 1, a: 1 }], loading: true, scroll: { x: 100 } }),
    h(antd.Table, { key: 'vtable', virtual: true, columns: [{ key: 'a', title: 'a', dataIndex: 'a', width: 100 }], dataSource: [{ key: 1, a: 1 }], scroll: { x: 100, y: 100 } }),
    h(antd.Statistic, { key: 'statistic', value: 1 }),
    h(antd.Badge, { key: 'badge', count: 1 }),
    h(antd.Tag, { key: 'tag-preset', color: 'blue' }),
    h(antd.Tag, { key: 'tag-status', color: 'success' }),
  );
  const errors = [];
  for (const node of nodes) {
    try {
      renderToString(h(StyleProvider, { cache }, h(antd.ConfigProvider, { theme }, h(antd.App, null, node))));
    } catch (e) {
      errors.push(`${String(node.key)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (errors.length > 0 && process.env.LUOSHI_DEBUG_ANTD_CSS) console.warn(`antd static CSS: not rendered: ${errors.join('; ')}`);
  // Component styles only: the theme's CSS variables are small and still written at run time, as before.
  return extractStyle(cache, { plain: true, types: ['style'] });
}

/** The Vite plugin serving `virtual:antd.css`. */
export function antdStaticCss(theme) {
  let css = null;
  return {
    name: 'luoshi-antd-static-css',
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      css ??= extractAntdCss(theme);
      return css;
    },
  };
}
