import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { cspNonce, stampNonceOnCreatedStyles } from './app/csp-nonce';

stampNonceOnCreatedStyles(cspNonce());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
