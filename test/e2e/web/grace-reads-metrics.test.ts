import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeFlow, seriousA11yViolations } from '../../helpers/browser.js';

interface Figures {
  change: Record<string, number | null>;
  dora: Record<string, number | null>;
}
interface Answer {
  scope: { service: string | null; interval: string | null };
  figures: Figures;
  series: ({ from: string; to: string } & Figures)[];
}

/** Each headline on the page, by its `data-figure`, and where the API's answer holds it. */
const HEADLINES: [key: string, read: (f: Figures) => number | null, unit: 'share' | 'hours' | 'count'][] = [
  ['successRate', (f) => f.change.successRate ?? null, 'share'],
  ['emergencyShare', (f) => f.change.emergencyShare ?? null, 'share'],
  ['meanLeadTimeHours', (f) => f.change.meanLeadTimeHours ?? null, 'hours'],
  ['meanApprovalHours', (f) => f.change.meanApprovalHours ?? null, 'hours'],
  ['deployments', (f) => f.dora.deployments ?? null, 'count'],
  ['leadTimeForChanges', (f) => f.dora.medianLeadTimeHours ?? null, 'hours'],
  ['changeFailureRate', (f) => f.dora.changeFailureRate ?? null, 'share'],
  ['timeToRestore', (f) => f.dora.medianTimeToRestoreHours ?? null, 'hours'],
];

/** The figure as the page must print it, worked out here from the API's number. */
function printed(unit: 'share' | 'hours' | 'count', value: number | null): string {
  if (value === null) return 'n/a';
  if (unit === 'share') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'hours') return `${value.toFixed(1)} h`;
  return String(value);
}

/** The API's answer to exactly what the page asked: the query of its CSV link, as JSON. */
async function answerBehind(page: Page, url: string): Promise<Answer> {
  const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  const query = new URLSearchParams(csv!.split('?')[1]);
  query.delete('format');
  const res = await page.request.get(`${url}/api/v1/reports/metrics?${query.toString()}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Answer;
}

async function expectHeadlinesMatch(page: Page, answer: Answer): Promise<void> {
  for (const [key, read, unit] of HEADLINES)
    await expect(page.locator(`[data-figure="${key}"]`).textContent(), key).resolves.toBe(
      printed(unit, read(answer.figures)),
    );
}

/*
 * Grace, an auditor (read-only), opens the metrics page from the navigation: every figure is
 * drawn as a chart by week with its headline value, and the tables hold one row per week. She
 * narrows it to one service and a monthly view; the headlines and tables follow the API's answer
 * for that service, and the address keeps her choice.
 */
describeFlow('an auditor reads change and DORA metrics over time, overall and for one service', async (flow) => {
  const url = flow.demo.url;
  const page = await flow.page('grace');
  const fits = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  await page.getByRole('link', { name: 'Metrics' }).click();
  await page.waitForURL(/\/reports\/metrics$/);
  await page.getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Change success rate' }).waitFor();

  const overall = await answerBehind(page, url);
  expect(overall.scope).toMatchObject({ service: null, interval: 'week' });
  expect(overall.series.length).toBeGreaterThanOrEqual(13);
  await expectHeadlinesMatch(page, overall);
  // One chart per figure, each a canvas uPlot drew; one table row per week plus the period's total.
  await expect(page.locator('.metric-chart canvas').count()).resolves.toBe(HEADLINES.length);
  await expect(page.getByRole('img', { name: 'Change success rate over time' }).count()).resolves.toBe(1);
  const changeTable = page.getByRole('table', { name: 'Change management by period' });
  await expect(changeTable.getByRole('row').count()).resolves.toBe(overall.series.length + 2);
  // The demo implements a change as it loads: the last week measured it, and its row says so.
  expect(overall.series.at(-1)!.change.implemented).toBeGreaterThan(0);
  const lastWeek = changeTable.getByRole('row').nth(overall.series.length);
  await expect(lastWeek.getByRole('cell').first().textContent()).resolves.toBe(
    printed('share', overall.series.at(-1)!.change.successRate ?? null),
  );
  await flow.screenshot(page, 'metrics-overall');
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(await fits()).toBe(true);

  await page.getByLabel('Service').selectOption('service/checkout');
  await page.waitForURL(/service=service%2Fcheckout/);
  await page.getByLabel('Interval').selectOption('month');
  await page.waitForURL(/interval=month/);
  await page
    .getByRole('table', { name: 'DORA measures by period' })
    .getByRole('columnheader', { name: 'Month' })
    .waitFor();
  await page.locator('.metrics:not(.reloading)').waitFor();
  const checkout = await answerBehind(page, url);
  expect(checkout.scope).toMatchObject({ service: 'service/checkout', interval: 'month' });
  await expectHeadlinesMatch(page, checkout);
  await expect(page.getByRole('table', { name: 'DORA measures by period' }).getByRole('row').count()).resolves.toBe(
    checkout.series.length + 2,
  );
  await flow.screenshot(page, 'metrics-service');
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(await fits()).toBe(true);

  // The address holds the choice: a reload shows the same service by month.
  await page.reload();
  await expect(page.getByLabel('Service').inputValue()).resolves.toBe('service/checkout');
  await expect(page.getByLabel('Interval').inputValue()).resolves.toBe('month');
});
