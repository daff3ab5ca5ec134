/**
 * The sample backend's routes and route selection expression, read at build time from the same
 * serverless.yml that deploys it, so that the site never carries a typed copy that could drift.
 */
import { parse } from 'yaml';

export interface ServiceRoutes {
  /** Route keys in the order the functions are listed, `$connect` and friends included. */
  routes: string[];
  routeSelectionExpression: string;
}

/** The Serverless Framework's default when `provider.websocketsApiRouteSelectionExpression` is not set. */
const DEFAULT_EXPRESSION = '$request.body.action';

/** Reads the WebSocket routes of a serverless.yml. */
export function routesFromServerlessYml(text: string): ServiceRoutes {
  const doc = asRecord(parse(text));
  const provider = asRecord(doc.provider);
  const routes: string[] = [];
  for (const fn of Object.values(asRecord(doc.functions))) {
    const events = asRecord(fn).events;
    if (!Array.isArray(events)) continue;
    for (const event of events) {
      // Both `websocket: $default` and `websocket: { route: $default }` are valid.
      const websocket = asRecord(event).websocket;
      const route = typeof websocket === 'string' ? websocket : asRecord(websocket).route;
      if (typeof route === 'string' && !routes.includes(route)) routes.push(route);
    }
  }
  const expression = provider.websocketsApiRouteSelectionExpression;
  return { routes, routeSelectionExpression: typeof expression === 'string' ? expression : DEFAULT_EXPRESSION };
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
