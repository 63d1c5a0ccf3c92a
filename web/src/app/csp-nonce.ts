/**
 * This page's Content-Security-Policy nonce, which the server stamps into
 * <meta property="csp-nonce"> (web/vite.config.ts). Ant Design puts it on the <style> tags it
 * injects, the only inline content the policy allows.
 */
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  // Browsers hide the nonce attribute's value from getAttribute; the property still has it.
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}

/**
 * Some of Ant Design's helpers (scrollbar measurement, the scroll lock under a modal) create
 * <style> elements without passing the nonce on, and the policy blocks them. Every <style> this
 * page's own scripts create gets the nonce; styles injected as markup (what the policy is there
 * to stop) never pass through here and stay blocked.
 */
export function stampNonceOnCreatedStyles(nonce: string | undefined): void {
  if (!nonce) return;
  const create = document.createElement.bind(document) as (
    tag: string,
    options?: ElementCreationOptions,
  ) => HTMLElement;
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = create(tag, options);
    if (tag.toLowerCase() === 'style') element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}
