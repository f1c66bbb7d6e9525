import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/app/smtp-mailer.js';
import { engines } from '../helpers/engines.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';
import { startReceiver } from './receiver.js';

const harness = engines()[0]!;

describe('the notifications API', () => {
  let api: ApiHarness;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let chat: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    chat = await startReceiver();
    api = await newApi(harness, {
      services: {
        notify: { mailer: smtpMailer(smtp.url, 'Cairn <cairn@example.org>'), publicUrl: 'https://c.example' },
      },
    });
    await api.s.policies.addUser('carol', { email: 'carol@example.org' });
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
    await chat.close();
    await harness.cleanup();
  });

  it('sends an admin’s test email to a person, and the mail arrives', async () => {
    const res = await api.call('admin', {
      method: 'POST',
      url: '/api/v1/notifications/test',
      payload: { channel: 'email', to: 'carol' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ channel: 'email', user: 'carol', sent: true, target: 'carol@example.org' });
    expect(smtp.mails.map((m) => [m.to, m.mail.subject])).toEqual([
      [['carol@example.org'], '[Cairn] A test notification from Cairn'],
    ]);
  });

  it('refuses a test message to someone else from a non-admin, and says what is missing', async () => {
    const other = await api.call('viewer', {
      method: 'POST',
      url: '/api/v1/notifications/test',
      payload: { channel: 'email', to: 'carol' },
    });
    expect(other.statusCode).toBe(403);
    const own = await api.call('viewer', {
      method: 'POST',
      url: '/api/v1/notifications/test',
      payload: { channel: 'chat' },
    });
    expect(own.statusCode).toBe(400);
    expect(problemOf(own)).toMatchObject({
      code: 'NOTIFY_NOT_CONFIGURED',
      detail: 'token:t-viewer has no chat webhook: set one in the notification preferences',
    });
  });

  it('keeps each caller’s preferences, names a bad field, and sends a test to their chat webhook', async () => {
    const bad = await api.call('viewer', {
      method: 'PUT',
      url: '/api/v1/notification-preferences',
      payload: { kinds: { 'change.approved': ['pager'] }, chatFormat: 'irc', chatUrl: chat.url },
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors).toEqual([
      { path: 'kinds.change.approved', message: 'names pager: channels are inapp, email, chat' },
      { path: 'chatFormat', message: 'must be one of slack, teams, mattermost' },
    ]);
    const ok = await api.call('viewer', {
      method: 'PUT',
      url: '/api/v1/notification-preferences',
      payload: { kinds: { 'freeze.started': [] }, chatFormat: 'teams', chatUrl: chat.url },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kinds: { 'freeze.started': [] }, chatFormat: 'teams', emailDigest: false });
    expect(ok.json().effective['change.approved']).toEqual(['inapp', 'email']);
    // A kind set to null goes back to the defaults (a null must not be read as a list).
    const reset = await api.call('viewer', {
      method: 'PUT',
      url: '/api/v1/notification-preferences',
      payload: { kinds: { 'freeze.started': null } },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ kinds: {}, chatFormat: 'teams' });
    expect(reset.json().effective['freeze.started']).toEqual(['inapp', 'email']);
    const sent = await api.call('viewer', {
      method: 'POST',
      url: '/api/v1/notifications/test',
      payload: { channel: 'chat' },
    });
    expect(sent.json()).toMatchObject({ sent: true, target: new URL(chat.url).origin });
    const card = JSON.parse(chat.received[0]!.body) as { attachments: { contentType: string }[] };
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('lets only admins set a group’s defaults, which apply to members who chose nothing', async () => {
    const payload = { kinds: { 'approval.requested': ['chat', 'inapp'] } };
    expect(
      (await api.call('cab_member', { method: 'PUT', url: '/api/v1/notification-defaults/cab', payload })).statusCode,
    ).toBe(403);
    const res = await api.call('admin', { method: 'PUT', url: '/api/v1/notification-defaults/cab', payload });
    expect(res.json()).toEqual({ group: 'cab', kinds: { 'approval.requested': ['inapp', 'chat'] } });
    await api.s.policies.addGroup('cab');
    await api.s.policies.addMember('cab', 'carol');
    expect((await api.s.notifications.preferences('carol')).effective['approval.requested']).toEqual(['inapp', 'chat']);
  });

  it('lists the caller’s notifications with the unread count, and marks them read', async () => {
    const empty = await api.call('viewer', { url: '/api/v1/notifications' });
    expect(empty.json()).toEqual({ items: [], unread: 0, nextCursor: null });
    const missing = await api.call('viewer', { method: 'POST', url: '/api/v1/notifications/ntf_nope/read' });
    expect(problemOf(missing).code).toBe('NOTIFICATION_NOT_FOUND');
    const all = await api.call('viewer', { method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(all.json()).toEqual({ marked: 0, unread: 0 });
  });
});
