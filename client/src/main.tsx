import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './app/App';
import { setTestHooks, wantsTestHooks } from './app/testhooks';
import './app/app.css';
import './app/explorer.css';
import './app/beyond.css';
import './app/screens.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// the test hooks are a separate chunk, fetched only when a test asks for them (see app/testhooks.ts)
const ready = wantsTestHooks() ? import('./testing').then((m) => setTestHooks(m.testHooks)) : Promise.resolve();
void ready.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
