import type express from 'express';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * The routes an Express app declares, as "METHOD /path" (sub-routers included), for the security
 * matrix to hold against its table: a route added without a row there fails the test
 * (test/security/scopes-matrix.test.ts). Middleware without a path (the web app, the 404) is not a route.
 */
export function expressRoutes(app: express.Express): string[] {
  const routes: string[] = [];
  const walk = (stack: readonly Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods))
          routes.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return routes;
}
