import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cairnBin } from './cli.js';
import { repoRoot } from './samples.js';

/**
 * What every browser end-to-end test shares: `cairn serve --demo` as a process (`npm test` builds
 * the server and the UI first), headless Chromium, logging in, screenshots and the accessibility
 * check. Each flow lives in its own file under `test/e2e/web/`.
 */
export const CHROMIUM = process.env.CAIRN_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** `CAIRN_TEST_BROWSER=off` skips the browser tests (`describe.runIf(browserEnabled)`). */
export const browserEnabled = process.env.CAIRN_TEST_BROWSER !== 'off';
/** The widths every flow runs at: a desktop and a small laptop. @public */
export const WIDTHS = [1440, 1024] as const;
export const DEMO_PASSWORD = 'cairn-demo';
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

export interface DemoProcess {
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
export async function startDemoProcess(options: DemoProcessOptions = {}): Promise<DemoProcess> {
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
export async function openBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium, set CAIRN_TEST_CHROMIUM, or CAIRN_TEST_BROWSER=off to skip`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface TestPage {
  page: Page;
  /** What the page logged as an error or threw, over its whole life: a flow ends expecting none. */
  consoleErrors: string[];
}

/** A page in a fresh context (its own cookies) at `width` × `height`. */
export async function newPage(
  browser: Browser,
  { width = WIDTHS[0], height = 900 }: { width?: number; height?: number } = {},
): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width, height } });
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
  await page.getByRole('heading', { name: `Good to see you, ${username}` }).waitFor();
}

/** A full-page screenshot in `test-results/screenshots/<name>.png`; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
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
