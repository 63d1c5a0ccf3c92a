import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { cspNonce, stampNonceOnCreatedStyles } from './app/csp-nonce';
import { FIRST_RENDER_WAIT_MS, settledOrAfter } from './app/first-render';
import { openedPageLoaded } from './app/router';
import { workFirstScreenAnswered } from './services/work-first-screen';

stampNonceOnCreatedStyles(cspNonce());

const root = createRoot(document.getElementById('root')!);
// My work's first screen is drawn from its first reads' answers when they are in (they arrive with
// the page's chunks): drawn before, the page would draw its loading state first.
const firstScreenReady = Promise.all([openedPageLoaded, workFirstScreenAnswered()]);
void settledOrAfter(firstScreenReady, FIRST_RENDER_WAIT_MS).then(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
