import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
// antd's styles as computed at build time (web/scripts/antd-static-css.mjs), before the app's own.
import 'virtual:antd.css';
import './styles/global.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
