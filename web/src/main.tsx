import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { cspNonce, stampNonceOnCreatedStyles } from './app/csp-nonce';
import { FIRST_RENDER_WAIT_MS, settledOrAfter } from './app/first-render';
import { openedPageLoaded } from './app/router';

stampNonceOnCreatedStyles(cspNonce());

const root = createRoot(document.getElementById('root')!);
void settledOrAfter(openedPageLoaded, FIRST_RENDER_WAIT_MS).then(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
