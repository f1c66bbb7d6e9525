import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../src/config.js';

describe('server configuration', () => {
  it('takes flags over environment over file over defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-config-'));
    const file = join(dir, 'cairn.yaml');
    writeFileSync(file, 'server:\n  port: 5000\n  host: 0.0.0.0\n  logLevel: debug\n');
    const c = loadServerConfig({ port: '6000', config: file }, { CAIRN_HOST: '10.0.0.1' });
    expect(c).toMatchObject({
      port: 6000,
      host: '10.0.0.1',
      logLevel: 'debug',
      db: './cairn.db',
      secureCookies: 'auto',
    });
  });
  it('names every bad value and where it came from', () => {
    try {
      loadServerConfig({ port: 'http' }, { CAIRN_LOG_LEVEL: 'loud', CAIRN_TRUST_PROXY: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual([
        '--port: "http" is not a port number (0-65535)',
        'CAIRN_LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent',
        'CAIRN_TRUST_PROXY: "maybe" is not true or false',
      ]);
    }
  });
  it('refuses unknown keys and unreadable files', () => {
    expect(() => loadServerConfig({ config: '/nonexistent/cairn.yaml' }, {})).toThrow(/cannot be read/);
    const dir = mkdtempSync(join(tmpdir(), 'cairn-config-'));
    writeFileSync(join(dir, 'c.yaml'), 'prot: 1\n');
    expect(() => loadServerConfig({ config: join(dir, 'c.yaml') }, {})).toThrow(/unknown setting prot/);
  });
});
