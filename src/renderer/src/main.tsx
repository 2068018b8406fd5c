import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext, createApi } from './api/client.js';
import { App } from './app/App.js';
import { createBrowserBridge } from './bridge/browser-bridge.js';
import { createElectronBridge } from './bridge/electron-bridge.js';
import './styles.css';

// Electron exposes its bridge through the preload; anywhere else this is browser mode.
const api = createApi(createElectronBridge() ?? createBrowserBridge());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={api}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
