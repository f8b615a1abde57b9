import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let admin: Client;
let manager: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  manager = await loginAs(t.app, 'manager');
});
afterAll(async () => {
  await t?.close();
});

describe('centres', () => {
  it('shows each staff member only the centres they work in', async () => {
    const op = await loginAs(t.app, 'alkoo-op01');
    expect((await op.get('/api/v1/centers')).json().map((c: { slug: string }) => c.slug)).toEqual(['alkoo']);
    const other = await op.get('/api/v1/centers/iwaki');
    expect(other.statusCode).toBe(403);
    expect((await op.get('/api/v1/centers/nonexistent')).statusCode).toBe(404);
  });

  it('returns the whole demo centre: lines, year-end closure, departments, category axes', async () => {
    const center = (await manager.get('/api/v1/centers/iwaki')).json();
    expect(center.name).toBe('いわき市総合コールセンター（デモ）');
    expect(center.businessHours.mon).toEqual({ opens: '08:30', closes: '19:00' });
    expect(center.businessHours.sat).toEqual({ opens: '08:30', closes: '17:00' });
    expect(center.closures).toContainEqual(
      expect.objectContaining({ kind: 'annual', start: '12-29', end: '01-03' }),
    );
    expect(center.departments.length).toBeGreaterThanOrEqual(15);
    expect(center.categoryAxes.map((a: { key: string }) => a.key)).toEqual(
      expect.arrayContaining(['field', 'life_event']),
    );
  });

  it('creates a centre with seed 004 hours and the year-end closure, audited', async () => {
    const created = await admin.post('/api/v1/centers', {
      slug: 'kosodate',
      name: '子育てアプリヘルプデスク',
      kind: 'specific',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.businessHours.holiday).toEqual({ opens: '08:30', closes: '17:00' });
    expect(body.closures).toHaveLength(1);
    const again = await admin.post('/api/v1/centers', { slug: 'kosodate', name: '重複' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('kosodate');
    const rows = await t.database.query<{ n: number }>(
      "select count(*) as n from audit_events where action = 'center.create' and target_id = $1",
      [body.id],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const before = (await admin.get('/api/v1/centers/iwaki')).json();
    const badSlug = await admin.post('/api/v1/centers', { slug: 'Bad Slug', name: 'x' });
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json().error.field).toBe('slug');
    const badHours = await admin.patch('/api/v1/centers/iwaki', {
      businessHours: { ...before.businessHours, tue: { opens: '19:00', closes: '08:30' } },
    });
    expect(badHours.statusCode).toBe(400);
    expect(badHours.json().error.field).toBe('businessHours.tue.closes');
    expect(badHours.json().error.message).toContain('終了時刻は開始時刻より後');
    const badPhone = await admin.post('/api/v1/centers/iwaki/lines', { number: 'abc', label: '試験' });
    expect(badPhone.json().error.field).toBe('number');
    const badId = await admin.delete('/api/v1/centers/iwaki/lines/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.field).toBe('params.id');
    expect((await admin.get('/api/v1/centers/iwaki')).json()).toEqual(before);
  });

  it('changes hours and records what changed', async () => {
    const center = (await admin.get('/api/v1/centers/iwaki')).json();
    const hours = { ...center.businessHours, sun: null };
    const updated = await admin.patch('/api/v1/centers/iwaki', { businessHours: hours });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().businessHours.sun).toBeNull();
    const page = (await admin.get('/api/v1/centers/iwaki/audit?action=center.update')).json();
    expect(page.events[0].detail.changes.businessHours.to.sun).toBeNull();
    await admin.patch('/api/v1/centers/iwaki', { businessHours: center.businessHours });
  });
});

describe('lines, departments, categories', () => {
  it('adds, renames and deletes a line; a duplicate number is a conflict', async () => {
    const added = await admin.post('/api/v1/centers/iwaki/lines', {
      number: '0246-00-5555',
      label: '災害専用',
    });
    expect(added.statusCode).toBe(201);
    expect(
      (await admin.post('/api/v1/centers/iwaki/lines', { number: '0246-00-5555', label: '重複' })).statusCode,
    ).toBe(409);
    const id = added.json().id;
    expect(
      (await admin.patch(`/api/v1/centers/iwaki/lines/${id}`, { label: '災害時専用ダイヤル' })).json().label,
    ).toBe('災害時専用ダイヤル');
    expect((await admin.delete(`/api/v1/centers/iwaki/lines/${id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/centers/iwaki/lines/${id}`)).statusCode).toBe(404);
  });

  it('keeps a line of one centre out of reach through another centre', async () => {
    const alkoo = (await admin.get('/api/v1/centers/alkoo')).json();
    const lineId = alkoo.lines[0].id;
    expect((await admin.delete(`/api/v1/centers/iwaki/lines/${lineId}`)).statusCode).toBe(404);
    expect(
      (await admin.get('/api/v1/centers/alkoo')).json().lines.map((l: { id: string }) => l.id),
    ).toContain(lineId);
  });

  it('refuses to delete a department that staff belong to', async () => {
    const center = (await admin.get('/api/v1/centers/iwaki')).json();
    const shimin = center.departments.find((d: { name: string }) => d.name === '市民課');
    const response = await admin.delete(`/api/v1/centers/iwaki/departments/${shimin.id}`);
    expect(response.statusCode).toBe(409);
    expect((await admin.get('/api/v1/centers/iwaki')).json().departments).toHaveLength(
      center.departments.length,
    );
  });

  it('manages category axes and categories', async () => {
    const axis = await manager.post('/api/v1/centers/iwaki/category-axes', {
      key: 'channel_hint',
      name: '問合せ経路',
    });
    expect(axis.statusCode).toBe(201);
    const category = await manager.post(`/api/v1/centers/iwaki/category-axes/${axis.json().id}/categories`, {
      name: '広報紙',
    });
    expect(category.statusCode).toBe(201);
    const dup = await manager.post(`/api/v1/centers/iwaki/category-axes/${axis.json().id}/categories`, {
      name: '広報紙',
    });
    expect(dup.statusCode).toBe(409);
    expect((await manager.delete(`/api/v1/centers/iwaki/category-axes/${axis.json().id}`)).statusCode).toBe(
      204,
    );
    const after = (await manager.get('/api/v1/centers/iwaki')).json();
    expect(after.categoryAxes.map((a: { key: string }) => a.key)).not.toContain('channel_hint');
  });
});

describe('calendar and open status', () => {
  it('closes over the year end and opens again on 1/4', async () => {
    const days = (await manager.get('/api/v1/centers/iwaki/calendar?from=2026-12-28&to=2027-01-04')).json();
    expect(days.map((d: { date: string; hours: unknown }) => [d.date, d.hours !== null])).toEqual([
      ['2026-12-28', true],
      ['2026-12-29', false],
      ['2026-12-30', false],
      ['2026-12-31', false],
      ['2027-01-01', false],
      ['2027-01-02', false],
      ['2027-01-03', false],
      ['2027-01-04', true],
    ]);
    expect(days[4].holidayName).toBe('元日');
  });

  it('says whether the centre and a department are open at a moment', async () => {
    // 2026-11-24 (Tue) 18:30 JST: the centre is open until 19:00, 市民課 closed at 17:15.
    const at = encodeURIComponent('2026-11-24T18:30:00+09:00');
    expect((await manager.get(`/api/v1/centers/iwaki/status?at=${at}`)).json()).toMatchObject({
      open: true,
      reason: 'open',
    });
    const center = (await manager.get('/api/v1/centers/iwaki')).json();
    const dept = center.departments.find((d: { name: string }) => d.name === 'ごみ減量推進課');
    const status = (await manager.get(`/api/v1/centers/iwaki/departments/${dept.id}/status?at=${at}`)).json();
    expect(status).toMatchObject({ open: false, reason: 'outside_hours' });
  });

  it('refuses a reversed range naming the field', async () => {
    const response = await manager.get('/api/v1/centers/iwaki/calendar?from=2027-01-10&to=2027-01-01');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('to');
  });
});
