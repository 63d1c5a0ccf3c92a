import { useEffect, useState } from 'react';

/**
 * False in the first render and until the browser has painted it (a frame, then a task), true
 * from then on; true from the start when `wait` is false.
 */
export function useAfterFirstPaint(wait: boolean): boolean {
  const [painted, setPainted] = useState(!wait);
  useEffect(() => {
    if (painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
