import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { smtpMailer } from '../../src/app/smtp-mailer.js';
import type { Clock } from '../../src/core/shared/clock.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { startReceiver } from '../api/receiver.js';
import { engines } from '../helpers/engines.js';
import { makeCi } from '../helpers/fixtures.js';
import { startSmtpSink, type ReceivedMail } from '../helpers/smtp-sink.js';
import { changeDoc, changeWorld, cpu, NOW, night } from './change.harness.js';

/** A clock the test moves: a millisecond a reading, and jumps on demand. */
function movableClock(iso: string): Clock & { jump(toIso: string): void; advance(ms: number): void } {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t++),
    jump: (to) => (t = Date.parse(to)),
    advance: (ms) => (t += ms),
  };
}

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'frank', 'erin', 'gina', 'hana'];

/** Relays pending events and runs every due job until none is left. */
async function settle(s: Services): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await s.events.relay();
    const n = await s.jobs.poll();
    await s.jobs.drain();
    if (n === 0 && (await s.events.relay()) === 0) return;
  }
}

/** Who was told of what in the bell: `user kind`, sorted. */
async function bells(s: Services): Promise<string[]> {
  const out: string[] = [];
  for (const u of PEOPLE) for (const n of (await s.notifications.page(u, {})).items) out.push(`${u} ${n.kind}`);
  return out.sort();
}

for (const harness of engines()) {
  describe(`notifications on ${harness.engine}`, () => {
    let store: KyselyCmdbStore;
    let s: Services;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    let chat: Awaited<ReturnType<typeof startReceiver>>;
    let chatStatus = 200;
    const clock = movableClock(NOW);

    beforeAll(async () => {
      smtp = await startSmtpSink();
      chat = await startReceiver(() => chatStatus);
      store = await harness.newStore();
      await changeWorld(store);
      s = await createServices(store, {
        clock,
        runsJobs: false,
        notify: { mailer: smtpMailer(smtp.url, 'Cairn <cairn@example.org>'), publicUrl: 'https://cairn.example.org' },
      });
      for (const u of PEOPLE) await s.policies.addUser(u, { email: `${u}@example.org` });
      await s.auth.createUser({ username: 'cm', password: 'a long password', roles: ['configuration_manager'] });
      await s.auth.createUser({ username: 'viv', password: 'a long password', roles: ['viewer'] });
      // frank wants approval requests in chat only (Slack); the CAB's default for the bell and email otherwise.
      await s.notifications.setPreferences('frank', {
        kinds: { 'approval.requested': ['chat'] },
        chatUrl: chat.url,
        chatFormat: 'slack',
      });
      await settle(s);
    });
    afterAll(async () => {
      await smtp.close();
      await chat.close();
      await harness.cleanup();
    });

    const mailsTo = (who: string): ReceivedMail[] => smtp.mails.filter((m) => m.to.includes(`${who}@example.org`));

    it('tells only the members of the groups that must approve, on the channels each chose', async () => {
      const c = await s.changes.create(changeDoc(cpu(8), { title: 'Resize web-01' }), 'alice');
      await s.changes.submit(c.ref, 'alice');
      await settle(s);
      // The CAB must approve (not the DBAs: no database in the plan); alice asked, bob implements.
      expect(await bells(s)).toEqual(['carol approval.requested', 'dave approval.requested']);
      expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['carol@example.org', 'dave@example.org']);
      const mail = mailsTo('carol')[0]!.mail;
      expect(mail.subject).toBe(`[Cairn] ${c.ref} waits for your approval (cab)`);
      expect(mail.text).toContain(`https://cairn.example.org/changes/${c.ref}`);
      expect(mail.html).toContain(`href="https://cairn.example.org/changes/${c.ref}"`);
      expect(chat.received).toHaveLength(1);
      const slack = JSON.parse(chat.received[0]!.body) as { text: string; blocks: unknown[] };
      expect(slack.text).toBe(`${c.ref} waits for your approval (cab): https://cairn.example.org/changes/${c.ref}`);
      expect(slack.blocks).toHaveLength(1);
    });

    it('tells the requester when the change is approved, and nobody of their own step', async () => {
      const ref = (await s.changes.list({})).at(-1)!.ref;
      smtp.mails.length = 0;
      await s.changes.approve(ref, 'carol');
      await s.changes.approve(ref, 'frank');
      await settle(s);
      expect(smtp.mails.map((m) => [m.to[0], m.mail.subject])).toEqual([
        ['alice@example.org', `[Cairn] ${ref} was approved`],
      ]);
      expect((await s.notifications.page('alice', {})).items.map((n) => n.kind)).toEqual(['change.approved']);
    });

    it('never sends twice: a fan-out or a delivery run again sends nothing more', async () => {
      const [n] = (await s.notifications.page('alice', {})).items;
      const before = smtp.mails.length;
      await s.queue.enqueue('notify.deliver', { notificationId: n!.id, channel: 'email' });
      await s.queue.enqueue('notify.fanout', {
        event: {
          id: n!.eventId,
          type: 'change.transitioned',
          at: NOW,
          data: { change: { id: n!.link.split('/')[2] } },
        },
      });
      await settle(s);
      expect(smtp.mails.length).toBe(before);
      const log = await s.notifications.deliveries('alice', n!.id);
      expect(log.map((d) => [d.channel, d.status, d.target])).toEqual([['email', 'sent', 'alice@example.org']]);
    });

    it('retries a failed chat delivery with backoff, logging each attempt', async () => {
      chatStatus = 500;
      const c = await s.changes.create(changeDoc(cpu(12), { window: night(12) }), 'alice');
      await s.changes.submit(c.ref, 'alice');
      await settle(s);
      const received = chat.received.length;
      chatStatus = 200;
      clock.advance(120_000);
      await settle(s);
      expect(chat.received.length).toBe(received + 1);
      const frank = (await s.notifications.page('frank', {})).items;
      expect(frank).toEqual([]); // chat only: nothing in frank's bell
      const [delivery] = await store.kysely
        .selectFrom('notification_deliveries')
        .select(['notification_id'])
        .where('user_name', '=', 'frank')
        .orderBy('id', 'desc')
        .execute();
      const log = await store.kysely
        .selectFrom('notification_deliveries')
        .select(['status', 'attempt'])
        .where('notification_id', '=', delivery!.notification_id)
        .orderBy('id')
        .execute();
      expect(log.map((l) => [l.status, Number(l.attempt)])).toEqual([
        ['retrying', 1],
        ['sent', 2],
      ]);
    });

    it('tells configuration managers (and no viewer) of unauthorized drift', async () => {
      await s.drift.check({
        observed: {
          relations: [],
          cis: [makeCi({ name: 'web-01', attributes: { environment: 'production', cpu: 64 } })],
        },
        source: 'scan',
        format: 'cairn',
        author: 'tester',
      });
      await settle(s);
      const cm = (await s.notifications.page('cm', {})).items;
      expect(cm.map((n) => n.kind)).toEqual(['drift.unauthorized']);
      expect(cm[0]!.body).toContain('server/web-01');
      expect((await s.notifications.page('viv', {})).items).toEqual([]);
    });

    it('tells the implementer when their change’s window starts, once', async () => {
      const plan = { cis: [{ class: 'server', name: 'web-02', attributes: { cpu: 6 } }] };
      const c = await s.changes.create(changeDoc(plan, { window: night(3) }), 'alice');
      await s.changes.submit(c.ref, 'alice');
      await s.changes.approve(c.ref, 'carol');
      await s.changes.approve(c.ref, 'dave');
      await s.changes.schedule(c.ref, 'bob');
      await settle(s);
      expect(await s.notificationTriggers.tick()).toBe(0);
      clock.jump(new Date(Date.parse(night(3).start) + 60_000).toISOString());
      expect(await s.notificationTriggers.tick()).toBe(1);
      expect(await s.notificationTriggers.tick()).toBe(0);
      await settle(s);
      const bob = (await s.notifications.page('bob', {})).items.filter((n) => n.kind === 'change.window_started');
      expect(bob.map((n) => n.title)).toEqual([`${c.ref} may start now: A change`]);
    });

    it('tells everyone when a freeze starts, once, and gathers a digest reader’s emails into one', async () => {
      await s.notifications.setPreferences('gina', { emailDigest: true });
      const mailsBefore = mailsTo('gina').length;
      clock.jump('2026-12-20T00:01:00.000Z');
      expect(await s.notificationTriggers.tick()).toBeGreaterThanOrEqual(1);
      await settle(s);
      expect((await bells(s)).filter((b) => b.endsWith('freeze.started'))).toEqual(
        PEOPLE.map((u) => `${u} freeze.started`).sort(),
      );
      expect(mailsTo('gina').length).toBe(mailsBefore); // held for the digest
      clock.jump('2026-12-20T07:30:00.000Z');
      await s.notificationTriggers.tick();
      await settle(s);
      expect(await s.notificationTriggers.tick()).toBe(0);
      const digests = mailsTo('gina').slice(mailsBefore);
      expect(digests.map((m) => m.mail.subject)).toEqual(['[Cairn] Your Cairn digest: 1 notification']);
      expect(digests[0]!.mail.text).toContain('Freeze "year-end" has started');
    });

    it('marks notifications read and refuses bad preferences with the field named', async () => {
      const page = await s.notifications.page('carol', { unreadOnly: true });
      expect(page.unread).toBeGreaterThan(0);
      await s.notifications.markRead('carol', page.items[0]!.id);
      expect(await s.notifications.unreadCount('carol')).toBe(page.unread - 1);
      await s.notifications.markRead('carol');
      expect(await s.notifications.unreadCount('carol')).toBe(0);
      await expect(s.notifications.markRead('dave', page.items[0]!.id)).rejects.toThrow('is not yours');
      await expect(
        s.notifications.setPreferences('dave', { kinds: { 'change.approved': ['pager'] } }),
      ).rejects.toMatchObject({
        code: 'NOTIFY_PREFERENCES_INVALID',
        fields: [{ path: 'kinds.change.approved', message: 'names pager: channels are inapp, email, chat' }],
      });
    });
  });
}
