import type { FastifyInstance, onSendAsyncHookHandler, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';

/** The hooks that can be added this way: async ones, which is what their users need. */
type Hooks = { preHandler: preHandlerAsyncHookHandler; onSend: onSendAsyncHookHandler };

/**
 * Adds `hook` to each route, registered from now on, that answers one of `methods`, rather than to
 * every request: a global async hook costs every GET a promise and a turn of the microtask queue
 * even when it returns at once (issue 14's API profile). Route hooks run after the global hooks of
 * the same kind, in the order they were added here.
 */
export function addHookForMethods<K extends keyof Hooks>(
  app: FastifyInstance,
  methods: readonly string[],
  name: K,
  hook: Hooks[K],
): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const routeMethods = Array.isArray(route.method) ? route.method : [route.method];
    if (!routeMethods.some((m) => methods.includes(m))) return;
    const existing = route[name] as Hooks[K] | Hooks[K][] | undefined;
    (route[name] as Hooks[K][]) = [
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
      hook,
    ];
  });
}

/** The methods that may change something: every one but GET, HEAD and OPTIONS. */
export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
