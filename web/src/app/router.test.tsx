// @vitest-environment happy-dom
import { act, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { navigate, useLocation } from './router.js';

// React asks for this flag before it lets `act` flush renders outside its own test renderer.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Path() {
  const { path, query } = useLocation();
  return (
    <p>
      {path}
      {query.size > 0 && `?${query.toString()}`}
    </p>
  );
}

/** Navigates in its layout effect: after the first paint's DOM is in place, before any passive effect has run. */
function NavigatesAtOnce(props: { to: string }) {
  useLayoutEffect(() => navigate(props.to), [props.to]);
  return null;
}

afterEach(() => window.history.replaceState(null, '', '/'));

async function rendered(node: ReactNode): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => createRoot(container).render(node));
  return container;
}

it('follows a navigation made before the page’s effects ran (a click on a loaded machine)', async () => {
  window.history.replaceState(null, '', '/cis/database/orders-db');
  const container = await rendered(
    <>
      <Path />
      <NavigatesAtOnce to="/changes/new?ci=database%2Forders-db" />
    </>,
  );
  expect(container.textContent).toBe('/changes/new?ci=database%2Forders-db');
});

it('follows later navigations and the browser’s back button', async () => {
  window.history.replaceState(null, '', '/cis');
  const container = await rendered(<Path />);
  expect(container.textContent).toBe('/cis');
  await act(async () => navigate('/changes?state=draft'));
  expect(container.textContent).toBe('/changes?state=draft');
  await act(async () => {
    window.history.back();
    // happy-dom dispatches popstate on a task, as browsers do.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
  expect(container.textContent).toBe('/cis');
});
