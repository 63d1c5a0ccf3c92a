/**
 * The app's route patterns ("/", "/periods/:id", "/docs/*"), as the web build lists them in
 * app-routes.json: a path that matches one is a page of the app (index.html, 200); any other path
 * the app would only show as "not found" (index.html, 404).
 */
export function appRouteMatcher(patterns: readonly string[]): (pathname: string) => boolean {
  const compiled = patterns.map((pattern) => pattern.split('/').filter(Boolean));
  return (pathname) => {
    const segments = pathname.split('/').filter(Boolean);
    return compiled.some((pattern) => matches(pattern, segments));
  };
}

function matches(pattern: string[], segments: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '*') return true;
    const segment = segments[i];
    if (segment === undefined) return false;
    if (!pattern[i].startsWith(':') && pattern[i] !== segment) return false;
  }
  return segments.length === pattern.length;
}
