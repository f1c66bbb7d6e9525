import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.js';
import { newApi, problemOf, type ApiHarness } from './api-harness.js';

/*
 * What the change form asks of the server while a change is written: the preview of a change
 * document (impact, risk, conflicts, approvals; nothing written) and the edit of a draft.
 */
const REQUESTER = 'token:t-requester';
const EVENING = { start: '2031-01-07T22:00:00.000Z', end: '2031-01-07T23:00:00.000Z' };
const IN_FREEZE = { start: '2031-01-14T22:00:00.000Z', end: '2031-01-14T23:00:00.000Z' };
const PLAN = { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }] };

for (const harness of engines()) {
  describe(`the change form's preview and draft edit over HTTP (${harness.engine})`, () => {
    let api: ApiHarness;

    beforeAll(async () => {
      api = await newApi(harness);
      await api.s.policies.apply(
        {
          groups: [
            { name: 'cab', members: ['carol', 'dave'] },
            { name: 'change-managers', members: ['erin'] },
          ],
          rules: [{ match: { type: 'normal' }, require: [{ group: 'change-managers', quorum: 1 }] }],
          freeze: [{ name: 'mid-january', start: '2031-01-12T00:00:00Z', end: '2031-01-19T00:00:00Z' }],
          templates: [
            {
              name: 'bump-version',
              description: 'Set a database version',
              classes: [{ class: 'database', attributes: ['version'] }],
            },
          ],
        },
        'erin',
      );
    });
    afterEach(async () => {
      for (const c of await api.s.changes.list({ states: ['draft', 'submitted', 'authorized', 'scheduled'] }))
        await api.s.changes.cancel(c.ref, 'erin');
    });
    afterAll(async () => {
      await api.close();
      await harness.cleanup();
    });

    const preview = (payload: Record<string, unknown>, ref?: string) =>
      api.call('requester', {
        method: 'POST',
        url: `/api/v1/changes/preview${ref ? `?ref=${ref}` : ''}`,
        payload,
      });
    const edit = (ref: string, payload: Record<string, unknown>, role: 'requester' | 'viewer' = 'requester') =>
      api.call(role, { method: 'PATCH', url: `/api/v1/changes/${ref}`, payload });

    it('previews a document without a title: impact, risk and the approvals required, writing nothing', async () => {
      const res = await preview({ type: 'normal', window: EVENING, plan: PLAN });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.impact.touched).toEqual(['database/orders-db']);
      expect(body.impact.impacted).toEqual(
        expect.arrayContaining(['application/shop-frontend', 'business_service/shop']),
      );
      expect(body.risk.level).toMatch(/^(low|medium|high|very-high)$/);
      expect(body.risk.factors.length).toBeGreaterThan(0);
      expect(body.conflicts).toEqual([]);
      expect(body.required).toEqual([expect.objectContaining({ group: 'change-managers', quorum: 1 })]);
      expect(body.replan).toBeUndefined();
      expect(await api.s.changes.list({})).toEqual([]);
    });

    it('shows the conflicts of the window: a freeze, and another open change setting the same attribute', async () => {
      const other = await api.s.changes.create(
        { type: 'normal', title: 'Other upgrade', window: EVENING, plan: PLAN },
        'alice',
      );
      await api.s.changes.submit(other.ref, 'alice');
      const body = (await preview({ type: 'normal', title: 'Mine', window: IN_FREEZE, plan: PLAN })).json();
      expect(body.conflicts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'freeze', window: expect.objectContaining({ name: 'mid-january' }) }),
          expect.objectContaining({ kind: 'same-attribute', other: other.ref, ci: 'database/orders-db' }),
        ]),
      );
      // The same document as the other change's new content does not conflict with itself.
      const own = (await preview({ type: 'normal', window: EVENING, plan: PLAN }, other.ref)).json();
      expect(own.conflicts).toEqual([]);
      expect(own.replan).toEqual({ ref: other.ref, from: 'submitted', to: 'submitted', voided: 0 });
    });

    it('names each wrong field of the document', async () => {
      const backwards = await preview({
        type: 'normal',
        window: { start: EVENING.end, end: EVENING.start },
        plan: PLAN,
      });
      expect(problemOf(backwards)).toMatchObject({ status: 400, code: 'CHANGE_INVALID' });
      expect(problemOf(backwards).errors).toContainEqual({ path: 'window.end', message: 'must be after window.start' });
      const noName = await preview({ type: 'normal', plan: { cis: [{ class: 'database', attributes: {} }] } });
      expect(problemOf(noName).status).toBe(400);
      expect(problemOf(noName).errors?.map((e) => e.path)).toContain('plan.cis[0].name');
      const badType = await preview({ type: 'sometimes', plan: PLAN });
      expect(problemOf(badType).errors?.map((e) => e.path)).toContain('type');
      const unknownClass = await preview({ type: 'normal', plan: { cis: [{ class: 'spaceship', name: 'x' }] } });
      expect(problemOf(unknownClass).status).toBeGreaterThanOrEqual(400);
      expect(problemOf(unknownClass).detail).toContain('spaceship');
      expect((await preview({ type: 'normal', plan: PLAN }, 'CHG-999')).statusCode).toBe(404);
    });

    it('applies the standard-change template check, so the preview says what saving would say', async () => {
      const standard = (template: string, attributes: Record<string, unknown>) => ({
        type: 'standard',
        template,
        title: 'Bump orders-db',
        plan: { cis: [{ class: 'database', name: 'orders-db', attributes }] },
      });
      const create = (payload: Record<string, unknown>) =>
        api.call('requester', { method: 'POST', url: '/api/v1/changes', payload });
      const within = await preview(standard('bump-version', { version: '16.5' }));
      expect(within.statusCode, within.body).toBe(200);
      // A plan that steps outside its template: the preview refuses it as the create does.
      const outside = standard('bump-version', { version: '16.5', storage_gb: 900 });
      const previewed = problemOf(await preview(outside));
      const created = problemOf(await create(outside));
      expect(previewed).toMatchObject({ status: 403, code: 'CHANGE_OUTSIDE_TEMPLATE' });
      expect(previewed.detail).toContain('storage_gb');
      expect({ code: previewed.code, detail: previewed.detail.replace('the change', 'X') }).toEqual({
        code: created.code,
        detail: created.detail.replace('the change', 'X'),
      });
      // A template not in the catalog: named, as the create names it.
      const unknown = standard('no-such-template', { version: '16.5' });
      expect(problemOf(await preview(unknown))).toMatchObject({ status: 403, code: 'CHANGE_TEMPLATE_NOT_FOUND' });
      expect(problemOf(await create(unknown)).code).toBe('CHANGE_TEMPLATE_NOT_FOUND');
      // Over an existing change (`ref`), the violation names that change.
      const draft = (await create({ type: 'normal', title: 'Mine', plan: PLAN })).json<{ ref: string }>().ref;
      expect(problemOf(await preview(outside, draft)).detail).toContain(`${draft} steps outside its standard template`);
    });

    it('says what saving a new plan over an authorized change does to its approvals, by the replan rule', async () => {
      const c = await api.s.changes.create({ type: 'normal', title: 'Upgrade', window: EVENING, plan: PLAN }, 'alice');
      await api.s.changes.submit(c.ref, 'alice');
      expect((await api.s.changes.approve(c.ref, 'erin')).change.state).toBe('authorized');
      const newPlan = { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.5' } }] };
      const body = (await preview({ type: 'normal', window: EVENING, plan: newPlan }, c.ref)).json();
      expect(body.replan).toEqual({ ref: c.ref, from: 'authorized', to: 'draft', voided: 1 });
      // And the replan does what the preview said.
      const replanned = await api.s.changes.replanDocument(c.ref, 'alice', newPlan);
      expect(replanned.state).toBe('draft');
      expect(replanned.approvals.filter((a) => a.voided !== true)).toEqual([]);
    });

    it("edits a draft's fields and plan, assessed again; a removed field is removed", async () => {
      const created = await api.call('requester', {
        method: 'POST',
        url: '/api/v1/changes',
        payload: { type: 'normal', title: 'First', assignee: 'bob', window: EVENING, plan: PLAN },
      });
      const ref = created.json().ref as string;
      const newPlan = { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 8 } }] };
      const res = await edit(ref, { type: 'normal', title: 'Second', justification: 'Load', plan: newPlan });
      expect(res.statusCode, res.body).toBe(200);
      const stored = await api.s.changes.get(ref);
      expect(stored).toMatchObject({ state: 'draft', title: 'Second', justification: 'Load', plan: newPlan });
      expect(stored.assignee).toBeUndefined();
      expect(stored.window).toBeUndefined();
      expect(stored.impact?.touched).toEqual(['server/web-01']);
      expect(stored.requester).toBe(REQUESTER);
    });

    it("shows a change's plan old → new: each attribute set, every field of an added CI, what a deletion removes", async () => {
      const plan = {
        cis: [
          { class: 'database', name: 'orders-db', attributes: { version: '16.4', engine: null, port: 5432 } },
          { class: 'rack', name: 'r2', attributes: { u_height: 48 }, labels: { site: 'north' } },
        ],
        delete: { cis: ['linux_server/web-02'] },
      };
      const c = await api.s.changes.create({ type: 'normal', title: 'Reshape', plan }, 'alice');
      const res = await api.call('viewer', { url: `/api/v1/changes/${c.ref}` });
      expect(res.statusCode, res.body).toBe(200);
      const byRef = new Map((res.json().planChanges as { ref: string }[]).map((p) => [p.ref, p]));
      expect(byRef.get('database/orders-db')).toEqual({
        ref: 'database/orders-db',
        action: 'modify',
        changes: [
          { path: 'attributes.engine', from: 'postgresql' },
          { path: 'attributes.port', to: 5432 },
          { path: 'attributes.version', from: '16.3', to: '16.4' },
        ],
      });
      expect(byRef.get('rack/r2')).toMatchObject({
        action: 'add',
        changes: expect.arrayContaining([
          { path: 'attributes.u_height', to: 48 },
          { path: 'labels.site', to: 'north' },
        ]),
      });
      expect(byRef.get('linux_server/web-02')).toMatchObject({
        action: 'delete',
        changes: expect.arrayContaining([
          { path: 'attributes.os', from: 'debian-12' },
          { path: 'labels.team', from: 'web' },
        ]),
      });
    });

    it('refuses to edit a submitted change, an invalid document, a change of someone else, and a viewer', async () => {
      const c = await api.s.changes.create({ type: 'normal', title: 'Upgrade', plan: PLAN }, 'alice');
      const notTheirs = await edit(c.ref, { type: 'normal', title: 'Mine now', plan: PLAN });
      expect(problemOf(notTheirs)).toMatchObject({ status: 403, code: 'CHANGE_NOT_ALLOWED' });
      expect(problemOf(await edit(c.ref, { type: 'normal', title: 'x', plan: PLAN }, 'viewer')).status).toBe(403);
      const invalid = await edit(c.ref, { type: 'normal', title: '', plan: PLAN });
      expect(problemOf(invalid).errors?.map((e) => e.path)).toContain('title');
      await api.s.changes.submit(c.ref, 'alice');
      const erinEdits = await api.s.changes
        .edit(c.ref, { type: 'normal', title: 'x', plan: PLAN }, 'erin')
        .catch((e: Error) => e);
      expect(erinEdits).toBeInstanceOf(Error);
      expect((erinEdits as Error).message).toContain('only a draft can be edited');
      expect((await api.s.changes.get(c.ref)).title).toBe('Upgrade');
    });
  });
}
