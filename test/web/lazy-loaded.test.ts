import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { lazyLoaded } from '../../web/src/app/lazy-loaded';

// The staff frame and pages (web/src/app/router.tsx, staff-pages.tsx): drawn at once when preloaded.
describe('lazyLoaded', () => {
  const Page = ({ name }: { name: string }) => createElement('p', null, `page ${name}`);
  const inSuspense = (element: ReturnType<typeof createElement>) =>
    renderToString(createElement(Suspense, { fallback: createElement('i', null, 'waiting') }, element));

  it('suspends while its chunk is on the way, and draws it at once after preload', async () => {
    let loads = 0;
    const Lazy = lazyLoaded(async () => {
      loads += 1;
      return { default: Page };
    });
    expect(inSuspense(createElement(Lazy, { name: 'a' }))).toContain('waiting');
    await Lazy.preload();
    // Without a Suspense boundary: nothing left to wait for.
    expect(renderToString(createElement(Lazy, { name: 'b' }))).toBe('<p>page b</p>');
    await Lazy.preload();
    expect(loads).toBe(1);
  });

  it('loads again after a failed load', async () => {
    let loads = 0;
    const Lazy = lazyLoaded(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk gone');
      return { default: Page };
    });
    await expect(Lazy.preload()).rejects.toThrow('chunk gone');
    await Lazy.preload();
    expect(loads).toBe(2);
    expect(renderToString(createElement(Lazy, { name: 'c' }))).toBe('<p>page c</p>');
  });
});
