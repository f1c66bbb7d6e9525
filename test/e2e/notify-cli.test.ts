import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnInProcess } from '../helpers/cli.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

/** `cairn notify test` on a demo database, with the SMTP server given by the environment as in production. */
describe('cairn notify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-notify-'));
  const db = join(dir, 'cairn.db');
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    expect((await cairnInProcess(['--db', db, 'demo'])).code).toBe(0);
  });
  afterAll(async () => {
    delete process.env.CAIRN_SMTP_URL;
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says plainly that no SMTP server is configured', async () => {
    delete process.env.CAIRN_SMTP_URL;
    const r = await cairnInProcess(['--db', db, '--as', 'alice', 'notify', 'test', '--channel', 'email', '--to', 'me']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('cairn: no SMTP server is configured: set CAIRN_SMTP_URL and CAIRN_MAIL_FROM\n');
  });

  it('sends a test email to the acting user, which the SMTP server receives', async () => {
    process.env.CAIRN_SMTP_URL = smtp.url;
    const r = await cairnInProcess(['--db', db, '--as', 'alice', 'notify', 'test', '--channel', 'email', '--to', 'me']);
    expect(r).toEqual({ code: 0, out: 'Sent a test email message to alice (alice@example.net).\n', err: '' });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['alice@example.net']);
    expect(smtp.mails[0]!.mail.text).toContain('If you read this, Cairn can reach alice by email.');
  });

  it('shows the acting user’s preferences', async () => {
    const r = await cairnInProcess(['--db', db, '--as', 'carol', 'notify', 'preferences']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('approval.requested');
    expect(r.out).toContain('Email digest: off. Chat: none.');
  });
});
