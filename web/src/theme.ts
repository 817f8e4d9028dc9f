import type { ThemeConfig } from 'antd';

/**
 * The app's Ant Design theme, shared by the app and by the build, which computes antd's CSS for it once
 * (web/scripts/antd-static-css.mjs). CSS variables with a fixed key: the key is part of every style's cache path,
 * and a generated one (from React's useId) would differ between the build's render and the browser's.
 */
export const THEME: ThemeConfig = { cssVar: { key: 'luoshi' }, hashed: false, token: { colorPrimary: '#b7312c', borderRadius: 4 } };
