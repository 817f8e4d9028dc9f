// antd's styles as computed at build time (web/scripts/antd-static-css.mjs), before the app's own.
import 'virtual:antd.css';
import './styles/global.css';
import { startBoot } from './boot.js';

// This entry stays small so that it runs as soon as it arrives: the page's requests and code start loading
// (boot.ts) while React, antd and the app's frame load beside them.
startBoot(window.location);
const root = document.getElementById('root');
if (root) void import('./mount.js').then((m) => m.mount(root));
