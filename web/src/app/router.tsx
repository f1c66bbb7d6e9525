import { useMemo, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

/** The current location: path segments (decoded) and query parameters. */
export interface Location {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

function current(): Location {
  const path = window.location.pathname;
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { path, segments, query: new URLSearchParams(window.location.search) };
}

const EVENT = 'cairn:navigate';

/** Goes to `to` (a path with an optional query) without reloading; `replace` keeps history short. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
  if (!options.replace) window.scrollTo(0, 0);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

const locationKey = () => window.location.pathname + window.location.search;

/**
 * The location, re-rendering on every change. An external store rather than state set from an
 * effect: a click between a page's first paint and its effects (a fast user, a loaded machine)
 * navigates before an effect would have subscribed, and the page would stay where it was;
 * `useSyncExternalStore` reads the location again once subscribed.
 */
export function useLocation(): Location {
  const key = useSyncExternalStore(subscribe, locationKey);
  // `key` is what `current()` reads: a new Location only when it changes.
  return useMemo(current, [key]);
}

/** A path plus query parameters, leaving out empty ones. */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function Link(props: {
  to: string;
  className?: string;
  children: ReactNode;
  title?: string;
  /** Marks the link to the page (or view) being shown. */
  'aria-current'?: 'page';
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.to);
  };
  return (
    <a
      href={props.to}
      className={props.className}
      title={props.title}
      aria-current={props['aria-current']}
      onClick={onClick}
    >
      {props.children}
    </a>
  );
}
