import { useEffect, useState } from 'react';
import { client } from '../../client.js';
import type { ChangePreviewView } from '../../../../src/contracts/change-form.contracts.js';

export interface PreviewState {
  result?: ChangePreviewView;
  error?: Error;
  checking: boolean;
}

/**
 * The server's reading of the change document being written (`POST /changes/preview`), asked half
 * a second after the last edit; the latest answer wins. `undefined` asks nothing (the plan cannot
 * be read yet: its YAML does not parse, or it is empty).
 */
export function useChangePreview(document: Record<string, unknown> | undefined, ref?: string): PreviewState {
  const text = document === undefined ? '' : JSON.stringify(document);
  const [state, setState] = useState<PreviewState>({ checking: false });
  useEffect(() => {
    if (text === '') {
      setState({ checking: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      client.changes.preview(JSON.parse(text) as Record<string, unknown>, ref).then(
        (result) => live && setState({ result, checking: false }),
        (e: unknown) => live && setState({ error: e instanceof Error ? e : new Error(String(e)), checking: false }),
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, ref]);
  return state;
}
