import type { ThemeConfig } from 'antd';
import type { Plugin } from 'vite';

/** antd's CSS for a theme, rendered in Node, with the cache-path map that lets the browser skip generating it. */
export function extractAntdCss(theme: ThemeConfig): string;
/** The Vite plugin serving that CSS as `virtual:antd.css`. */
export function antdStaticCss(theme: ThemeConfig): Plugin;
