import { createHash } from 'node:crypto';
import type { PromotionService } from '../core/release/promotion.service.js';
import type { ReleaseService } from '../core/release/release.service.js';

export interface DemoReleaseServices {
  releases: ReleaseService;
  promotions: PromotionService;
}

/** The demo's release manager: approves what alice proposes (never her own: segregation of duties). */
const DEMO_RELEASE_MANAGER = 'rita';

/** A container image as a release ships it, with a digest made from its name (the demo has no registry). */
function image(name: string, version: string) {
  const digest = createHash('sha256').update(`${name}:${version}`).digest('hex');
  return { name, digest: `sha256:${digest}`, location: `registry.example.net/shop/${name}:${version}` };
}

interface DemoRelease {
  service: string;
  version: string;
  notes: string;
  /** Approved by the release manager; else left proposed, waiting for one. */
  approved: boolean;
  /** The environments bob promoted it into, in order. */
  promoted: string[];
  /** An environment where a pipeline's deployment of it failed. */
  failedIn?: string;
}

const DEMO_RELEASES: DemoRelease[] = [
  {
    service: 'service/checkout',
    version: '3.3.0',
    notes: 'Card-on-file checkout; fixes the rounding of basket totals in euros.',
    approved: true,
    promoted: ['development', 'test', 'staging'],
  },
  {
    service: 'service/frontend',
    version: '2.15.0',
    notes: 'Winter sale banners and a faster product grid.',
    approved: true,
    promoted: ['development', 'test'],
  },
  {
    service: 'service/frontend',
    version: '2.16.0',
    notes: 'Wish lists.',
    approved: true,
    promoted: ['development'],
  },
  {
    service: 'service/frontend',
    version: '2.17.0',
    notes: 'Gift cards at checkout, behind the gift-cards feature flag.',
    approved: false,
    promoted: [],
  },
  {
    service: 'service/cart',
    version: '1.5.0',
    notes: 'Saved carts survive a logout.',
    approved: true,
    promoted: ['development'],
  },
  {
    service: 'service/cart',
    version: '1.5.1',
    notes: 'Fixes the cart merge after login.',
    approved: true,
    promoted: [],
    failedIn: 'development',
  },
];

/**
 * Releases of the shop's services moving through the environments, so that the pipeline view has
 * something to show: checkout 3.3.0 in staging, waiting to go to production; frontend releases
 * spread over development and test, and 2.17.0 proposed, waiting for the release manager; a
 * pipeline's deployment of cart 1.5.1 that failed in development. None reaches production: there
 * a promotion opens a change (the `deploy-release` standard change), and the demo's changes are
 * the five it tells about.
 */
export async function loadDemoReleases(s: DemoReleaseServices): Promise<void> {
  for (const r of DEMO_RELEASES) {
    const name = r.service.slice(r.service.indexOf('/') + 1);
    await s.releases.create(r.service, r.version, { notes: r.notes, artifacts: [image(name, r.version)] }, 'alice');
    if (r.approved)
      await s.releases.approve(r.service, r.version, DEMO_RELEASE_MANAGER, 'Release notes and tests checked.');
    for (const environment of r.promoted)
      await s.promotions.promote({ service: r.service, version: r.version, environment }, 'bob');
    if (r.failedIn) {
      const which = { service: r.service, version: r.version, environment: r.failedIn, pipeline: 'shop-ci#412' };
      const { deployment } = await s.promotions.gate({ ...which, start: true }, 'token:shop-ci');
      await s.promotions.report(deployment!.id, {
        result: 'failed',
        actor: 'token:shop-ci',
        note: 'Smoke test failed: cart merge returned 500.',
      });
    }
  }
}
