import {
  categoryAxisInputSchema,
  categoryInputSchema,
  centerInputSchema,
  closureInputSchema,
  departmentInputSchema,
  lineInputSchema,
  loginIdSchema,
  roleSchema,
  roles,
  weeklyHoursSchema,
} from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import { calendarDay, openStatus } from './calendar.ts';
import { type DemoCenter, type DemoStaff, demoCenters, demoPassword } from './demo-data.ts';

const byslug = (slug: string): DemoCenter => {
  const c = demoCenters.find((x) => x.center.slug === slug);
  if (!c) throw new Error(`no demo centre ${slug}`);
  return c;
};
const iwaki = byslug('iwaki');
const alkoo = byslug('alkoo');

const duplicates = (values: string[]): string[] => values.filter((v, i) => values.indexOf(v) !== i);

describe.each(demoCenters.map((c) => [c.center.slug, c] as const))('demo centre %s', (_slug, c) => {
  it('parses with the contract schemas', () => {
    const { businessHours, ...input } = c.center;
    expect(centerInputSchema.parse(input)).toEqual(input);
    expect(weeklyHoursSchema.parse(businessHours)).toEqual(businessHours);
    for (const line of c.lines) expect(lineInputSchema.parse(line)).toEqual(line);
    for (const closure of c.closures) expect(closureInputSchema.parse(closure)).toEqual(closure);
    for (const d of c.departments) expect(departmentInputSchema.parse(d)).toEqual(d);
    c.categoryAxes.forEach((axis, sortOrder) => {
      expect(categoryAxisInputSchema.parse({ key: axis.key, name: axis.name, sortOrder })).toBeTruthy();
      axis.categories.forEach((name, i) => {
        expect(categoryInputSchema.parse({ name, sortOrder: i })).toEqual({ name, sortOrder: i });
      });
    });
  });

  it('has no duplicates where the database requires uniqueness', () => {
    expect(duplicates(c.lines.map((l) => l.number))).toEqual([]);
    expect(duplicates(c.departments.map((d) => d.name))).toEqual([]);
    expect(duplicates(c.departments.map((d) => d.code))).toEqual([]);
    expect(duplicates(c.categoryAxes.map((a) => a.key))).toEqual([]);
    for (const axis of c.categoryAxes) expect(duplicates(axis.categories), axis.key).toEqual([]);
    expect(duplicates(c.staff.map((s) => s.loginId))).toEqual([]);
  });

  it('gives staff valid login IDs and roles, department staff an existing department', () => {
    const departmentNames = new Set(c.departments.map((d) => d.name));
    for (const s of c.staff) {
      expect(loginIdSchema.parse(s.loginId)).toBe(s.loginId);
      expect(s.displayName.trim()).not.toBe('');
      expect(s.roles.length).toBeGreaterThan(0);
      expect(duplicates(s.roles.map((r) => r.role)), s.loginId).toEqual([]);
      for (const r of s.roles) {
        expect(roleSchema.parse(r.role)).toBe(r.role);
        if (r.role === 'department_staff') {
          expect(r.department, s.loginId).toBeDefined();
          expect(departmentNames.has(r.department ?? ''), `${s.loginId} → ${r.department}`).toBe(true);
        } else {
          expect(r.department, s.loginId).toBeUndefined();
        }
      }
    }
  });

  it('keeps the department axis out of the category axes', () => {
    const names = c.categoryAxes.map((a) => a.name);
    expect(names.some((n) => n.includes('所管課') || n.includes('担当課'))).toBe(false);
  });

  it('has a calendar that is open at least on some weekday', () => {
    // 2026-06-02 is an ordinary Tuesday; 12:00 JST = 03:00 UTC.
    expect(openStatus(new Date('2026-06-02T03:00:00Z'), c.center.businessHours, c.closures).open).toBe(true);
  });
});

describe('demo centres together', () => {
  it('have unique slugs and one centre of each kind', () => {
    const slugs = demoCenters.map((c) => c.center.slug);
    expect(duplicates(slugs)).toEqual([]);
    expect(demoCenters.map((c) => c.center.kind).sort()).toEqual(['general', 'specific']);
  });

  it('describe the same person the same way wherever a login ID appears', () => {
    const seen = new Map<string, DemoStaff>();
    for (const s of demoCenters.flatMap((c) => c.staff)) {
      const first = seen.get(s.loginId);
      if (first) {
        expect(s.displayName, s.loginId).toBe(first.displayName);
        expect(Boolean(s.systemAdmin), s.loginId).toBe(Boolean(first.systemAdmin));
      } else {
        seen.set(s.loginId, s);
      }
    }
  });

  it('let someone switch centres: a manager or admin holds roles in both', () => {
    const inBoth = iwaki.staff
      .filter((s) => alkoo.staff.some((t) => t.loginId === s.loginId))
      .filter((s) => s.roles.some((r) => r.role === 'manager' || r.role === 'admin'));
    expect(inBoth.map((s) => s.loginId)).toContain('manager');
  });

  it('have one system administrator, who logs in as admin', () => {
    const admins = new Set(
      demoCenters.flatMap((c) => c.staff.filter((s) => s.systemAdmin).map((s) => s.loginId)),
    );
    expect([...admins]).toEqual(['admin']);
  });
});

describe('iwaki demo centre', () => {
  it('is the seed 004 general call centre', () => {
    expect(iwaki.center.name).toBe('いわき市総合コールセンター（デモ）');
    expect(iwaki.center.kind).toBe('general');
    expect(iwaki.center.businessHours.mon).toEqual({ opens: '08:30', closes: '19:00' });
    expect(iwaki.center.businessHours.sat).toEqual({ opens: '08:30', closes: '17:00' });
    expect(iwaki.center.businessHours.holiday).toEqual({ opens: '08:30', closes: '17:00' });
    expect(calendarDay('2026-12-31', iwaki.center.businessHours, iwaki.closures).closure).toBe('年末年始');
    expect(calendarDay('2027-01-04', iwaki.center.businessHours, iwaki.closures).hours).not.toBeNull();
  });

  it('has every role, the expected demo logins and at least 15 departments', () => {
    const held = new Set(iwaki.staff.flatMap((s) => s.roles.map((r) => r.role)));
    expect([...held].sort()).toEqual([...roles].sort());
    const logins = iwaki.staff.map((s) => s.loginId);
    for (const id of ['admin', 'manager', 'sv01', 'op01', 'op02', 'faq01', 'dept-shimin', 'dept-gomi']) {
      expect(logins).toContain(id);
    }
    const deptOf = (loginId: string) =>
      iwaki.staff.find((s) => s.loginId === loginId)?.roles.find((r) => r.role === 'department_staff')
        ?.department;
    expect(deptOf('dept-shimin')).toBe('市民課');
    expect(deptOf('dept-gomi')).toBe('ごみ減量推進課');
    expect(iwaki.departments.length).toBeGreaterThanOrEqual(15);
  });

  it('has the representative lines including FAX, all with fictional 0246-00 numbers', () => {
    const labels = iwaki.lines.map((l) => l.label);
    expect(labels).toContain('代表電話');
    expect(labels).toContain('FAX');
    expect(iwaki.lines.length).toBeGreaterThanOrEqual(3);
    for (const n of [...iwaki.lines.map((l) => l.number), ...iwaki.departments.map((d) => d.phone)]) {
      expect(n).toMatch(/^0246-00-\d{4}$/);
    }
  });

  it('has the category axes of the public FAQ site', () => {
    expect(iwaki.categoryAxes.map((a) => a.key)).toEqual(['field', 'life_event', 'keyword']);
    const field = iwaki.categoryAxes.find((a) => a.key === 'field');
    expect(field?.categories.length).toBeGreaterThanOrEqual(10);
  });

  it('keeps departments closed on holidays', () => {
    // 2026-01-12 (成人の日) 10:00 JST.
    for (const d of iwaki.departments) {
      expect(openStatus(new Date('2026-01-12T01:00:00Z'), d.officeHours, iwaki.closures).reason, d.name).toBe(
        'closed_day',
      );
    }
  });
});

describe('alkoo demo centre', () => {
  it('is a specific call centre with its own operators and second-line departments', () => {
    expect(alkoo.center.kind).toBe('specific');
    expect(alkoo.center.name).not.toMatch(/コバトン|ALKOO/i);
    expect(
      alkoo.staff.filter((s) => s.roles.some((r) => r.role === 'operator')).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      alkoo.staff.filter((s) => s.roles.some((r) => r.role === 'supervisor')).length,
    ).toBeGreaterThanOrEqual(2);
    expect(alkoo.departments.length).toBeGreaterThanOrEqual(2);
  });
});

describe('demoPassword', () => {
  it('meets the password rule', () => {
    expect(demoPassword.length).toBeGreaterThanOrEqual(12);
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(demoPassword));
    expect(classes.length).toBeGreaterThanOrEqual(3);
  });

  it('contains no demo login ID', () => {
    const lower = demoPassword.toLowerCase();
    for (const s of demoCenters.flatMap((c) => c.staff)) {
      expect(lower.includes(s.loginId.toLowerCase()), s.loginId).toBe(false);
    }
  });
});
