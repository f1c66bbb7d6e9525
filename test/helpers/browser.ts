import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnBin } from './cli.js';
import { repoRoot } from './samples.js';

/**
 * What every browser end-to-end test shares: `cairn serve --demo` as a process (`npm test` builds
 * the server and the UI first), headless Chromium, logging in, screenshots and the accessibility
 * check. Each flow lives in its own file under `test/e2e/web/` and is written with `describeFlow`,
 * which owns the scaffolding: the browser, the demo, one run per width, console errors and a
 * screenshot of every open page when a run fails.
 */
const CHROMIUM = process.env.CAIRN_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** `CAIRN_TEST_BROWSER=off` skips the browser tests (`describe.runIf(browserEnabled)`). */
const browserEnabled = process.env.CAIRN_TEST_BROWSER !== 'off';
/** The widths every flow runs at: a desktop and a small laptop. */
export const WIDTHS = [1440, 1024] as const;
const DEMO_PASSWORD = 'cairn-demo';
const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface DemoProcess {
  /** The web UI's address, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The process's database file, for checking what it wrote. */
  db: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface DemoProcessOptions {
  /** More environment for the server (configuration read from `CAIRN_*`). */
  env?: Record<string, string>;
  /** More arguments after `serve --demo`. */
  args?: string[];
}

/** `cairn serve --demo` on a fresh database and a free port; resolves once it listens. */
async function startDemoProcess(options: DemoProcessOptions = {}): Promise<DemoProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-web-'));
  const db = join(dir, 'cairn.db');
  const port = await freePort();
  const child = spawn(
    cairnBin,
    ['--db', db, 'serve', '--demo', '--port', String(port), '--log-level', 'warn', ...(options.args ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`cairn serve did not start: ${err}`)), 45_000);
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const m = /Cairn web UI: (http:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`cairn serve exited with ${code}: ${err}`));
      });
    });
    return { url, db, child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Headless Chromium, or a clear error naming how to get it or skip. */
async function openBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium, set CAIRN_TEST_CHROMIUM, or CAIRN_TEST_BROWSER=off to skip`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

interface TestPage {
  page: Page;
  /** What the page logged as an error or threw, over its whole life: a flow ends expecting none. */
  consoleErrors: string[];
}

/** A page in a fresh context (its own cookies) at `width` × `height`, in a light or dark colour scheme. */
async function newPage(
  browser: Browser,
  { width, height = 900, colorScheme }: { width: number; height?: number; colorScheme: ColorScheme },
): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  return { page, consoleErrors };
}

/** Logs in through the login form and waits for the dashboard's greeting. */
export async function logIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // The first login of a server loads and runs argon2 and the dashboard's first reads: on a busy
  // CI machine that took longer than the page's 15 s default once (a whole suite run, 6 Dec 2026).
  await page.getByRole('heading', { name: `Good to see you, ${username}` }).waitFor({ timeout: 45_000 });
}

/** A full-page screenshot in `test-results/screenshots/<name>.png`; returns its path. */
async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

let axeSource: string | undefined;

/**
 * The page's serious and critical accessibility violations by axe-core, one line each
 * (`rule: help — selector`), so that a failing assertion says what to fix and where.
 * @public
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated as a function body, not a <script> tag, so that the page's CSP does not block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${n.target.join(' ')}`));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

type ColorScheme = 'light' | 'dark';

/** One run of a flow: a viewport width and a colour scheme (light unless said). */
interface FlowRun {
  width: number;
  colorScheme?: ColorScheme;
}

export interface FlowOptions {
  /**
   * A demo on a fresh database for each run, for flows whose run changes what the next one starts
   * from (a change implemented, a finding accepted). By default one demo serves every run of the
   * file, which saves a server start per width.
   */
  freshDemo?: boolean;
  /**
   * How the demo is started. A function is called as the demo starts, after the file's own
   * `beforeAll` hooks, so it can name what they set up (an identity provider's address).
   */
  demo?: DemoProcessOptions | (() => DemoProcessOptions);
  /** The runs; by default each of `WIDTHS`, light. */
  runs?: readonly FlowRun[];
  /** Each run's timeout in milliseconds (default 120 000). */
  timeout?: number;
}

export interface FlowPageOptions {
  /** Console errors this page is expected to log (a refusal's 4xx answer), not counted against the flow. */
  allowConsoleErrors?: RegExp;
}

/** What the body of a flow is given for one run. */
export interface Flow {
  width: number;
  colorScheme: ColorScheme;
  /** The demo the run talks to: its `url`, and its database file `db`. */
  demo: DemoProcess;
  /**
   * A page in a context of its own (its own cookies) at the run's width and colour scheme, logged
   * in as `user` through the login form when one is named. The run fails if the page logs an error.
   */
  page(user?: string, options?: FlowPageOptions): Promise<Page>;
  /** A full-page screenshot named `<name>-<width>` (`-dark` added in dark mode); returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
}

/**
 * A browser flow, run once per width (`WIDTHS`, or `options.runs`): `body` plays the flow against
 * the demo through pages opened with `flow.page(user)`. Owns the scaffolding every flow shares:
 * Chromium launched once per file, the demo (one per file, or one per run with `freshDemo`), the
 * pages' contexts closed whatever happens, no console error allowed at the end, and on failure a
 * screenshot of every page still open (`failed-<title>-<width>-<n>`) to see what the user saw.
 */
export function describeFlow(title: string, body: (flow: Flow) => Promise<void>, options: FlowOptions = {}): void {
  const runs: readonly FlowRun[] = options.runs ?? WIDTHS.map((width) => ({ width }));
  const demoOptions = (): DemoProcessOptions =>
    typeof options.demo === 'function' ? options.demo() : (options.demo ?? {});

  describe.runIf(browserEnabled)(title, () => {
    let browser: Browser | undefined;
    let shared: DemoProcess | undefined;
    beforeAll(async () => {
      const started = await Promise.allSettled([
        openBrowser(),
        options.freshDemo ? Promise.resolve(undefined) : startDemoProcess(demoOptions()),
      ]);
      if (started[0].status === 'fulfilled') browser = started[0].value;
      if (started[1].status === 'fulfilled') shared = started[1].value;
      for (const s of started) if (s.status === 'rejected') throw s.reason;
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
      await shared?.stop();
    });

    for (const { width, colorScheme = 'light' } of runs) {
      const suffix = `${width}${colorScheme === 'dark' ? '-dark' : ''}`;
      it(
        `at ${width} px${colorScheme === 'dark' ? ', dark' : ''}`,
        async () => {
          const demo = shared ?? (await startDemoProcess(demoOptions()));
          const pages: (TestPage & FlowPageOptions)[] = [];
          const flow: Flow = {
            width,
            colorScheme,
            demo,
            page: async (user, pageOptions = {}) => {
              const opened = await newPage(browser!, { width, colorScheme });
              pages.push({ ...opened, ...pageOptions });
              if (user !== undefined) await logIn(opened.page, demo.url, user);
              return opened.page;
            },
            screenshot: (page, name) => saveScreenshot(page, `${name}-${suffix}`),
          };
          try {
            await body(flow);
            const errors = pages.flatMap((p) =>
              p.consoleErrors.filter((e) => !(p.allowConsoleErrors?.test(e) ?? false)),
            );
            expect(errors, 'errors logged by the pages').toEqual([]);
          } catch (error) {
            const name = title.toLowerCase().replace(/\W+/g, '-').slice(0, 60);
            for (const [i, { page }] of pages.entries())
              if (!page.isClosed()) await saveScreenshot(page, `failed-${name}-${suffix}-${i + 1}`).catch(() => {});
            throw error;
          } finally {
            await Promise.all(
              pages.map(({ page }) =>
                page
                  .context()
                  .close()
                  .catch(() => {}),
              ),
            );
            if (demo !== shared) await demo.stop();
          }
        },
        options.timeout ?? 120_000,
      );
    }
  });
}
