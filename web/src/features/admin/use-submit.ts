import { useState } from 'react';

export interface Submit {
  busy: boolean;
  error: Error | undefined;
  /** Runs a write; its error is kept to show beside the form, and `busy` disables the button meanwhile. */
  run: (write: () => Promise<void>) => Promise<void>;
  clear: () => void;
}

/** The state of one form's write: busy while it runs, its error after. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (write: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await write();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(undefined) };
}
