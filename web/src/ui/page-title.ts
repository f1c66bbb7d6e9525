import { useEffect } from 'react';

/** Sets the browser tab's title to "<page> · Cairn" while the page is shown. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Cairn` : 'Cairn';
  }, [title]);
}
