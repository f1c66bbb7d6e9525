import { loadDemo } from '../demo/load-demo.js';
import type { ApiServices } from './services.js';

/**
 * `cairn serve --demo`: loads the sample estate that `cairn demo` loads (src/demo: an Amsterdam
 * data centre with an online shop, its history, changes and the `go-live` baseline), so the
 * server and the CLI show the same first look. Does nothing when the CMDB already holds CIs;
 * returns the head revision when it loaded the estate.
 */
export async function loadDemoEstate(s: ApiServices): Promise<number | undefined> {
  const summary = await loadDemo(s);
  return summary.loaded ? summary.revision : undefined;
}
