// A centre's own synonym groups (SEARCH.md: a curated municipal table that FAQ editors change in the
// console). Every change notifies the FAQ change channel with no FAQ ids: each process then swaps the
// centre's synonyms in its index.
import { synonymGroupInputSchema } from '@madoguchi/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { synonymGroups } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { changedFields, recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import type { CenterRow } from '../centers/centers.repository.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { notifyFaqChanged } from '../faq/notify.ts';
import { normalize } from './engine/index.ts';
import { canManageSynonyms } from './search.policy.ts';
import { findSynonymGroupRow, listSynonymGroupRows, type SynonymGroupRow } from './search.repository.ts';
import { synonymGroupUpdateSchema } from './search.schemas.ts';

/** A synonym group as the API shows it. */
export interface SynonymGroup {
  id: string;
  terms: string[];
  enabled: boolean;
}

const present = (row: SynonymGroupRow): SynonymGroup => ({
  id: row.id,
  terms: row.terms,
  enabled: row.enabled,
});

async function resolveForSynonyms(ctx: ServiceContext, slug: string): Promise<CenterRow> {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageSynonyms(requireActor(ctx), center.id), '同義語を管理する権限がありません。');
  return center;
}

/** Terms once each: 「ＡＴＭ」 and 「atm」 are one term for search anyway. */
function distinctTerms(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const term of terms) {
    const key = normalize(term);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  if (out.length < 2)
    throw new AppError('validation_failed', 'terms: 同義語は異なる2語以上で登録してください', 'terms');
  return out;
}

/** The centre's synonym groups, oldest first (FAQ editors, admins). */
export async function listSynonymGroups(ctx: ServiceContext, slug: string): Promise<SynonymGroup[]> {
  const center = await resolveForSynonyms(ctx, slug);
  return (await listSynonymGroupRows(ctx.database.db, center.id)).map(present);
}

async function changing<T>(
  ctx: ServiceContext,
  center: CenterRow,
  fn: (tx: Executor) => Promise<T>,
): Promise<T> {
  return ctx.database.transaction(async (tx) => {
    const result = await fn(tx);
    await notifyFaqChanged(tx, center.id, []);
    return result;
  });
}

/** Adds a synonym group; every process's search uses it within a second. */
export async function createSynonymGroup(
  ctx: ServiceContext,
  slug: string,
  input: z.input<typeof synonymGroupInputSchema>,
): Promise<SynonymGroup> {
  const center = await resolveForSynonyms(ctx, slug);
  const data = parseInput(synonymGroupInputSchema, input);
  const terms = distinctTerms(data.terms);
  return changing(ctx, center, async (tx) => {
    const now = ctx.now();
    const [row] = await tx
      .insert(synonymGroups)
      .values({ centerId: center.id, terms, enabled: data.enabled, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'search.synonyms.create',
      centerId: center.id,
      targetType: 'synonym_group',
      targetId: row.id,
      detail: { terms, enabled: data.enabled },
    });
    return present(row);
  });
}

/** Changes a group's terms or switches it on or off. */
export async function updateSynonymGroup(
  ctx: ServiceContext,
  slug: string,
  id: string,
  input: z.input<typeof synonymGroupUpdateSchema>,
): Promise<SynonymGroup> {
  const center = await resolveForSynonyms(ctx, slug);
  const patch = parseInput(synonymGroupUpdateSchema, input);
  const terms = patch.terms ? distinctTerms(patch.terms) : undefined;
  return changing(ctx, center, async (tx) => {
    const row = await findSynonymGroupRow(tx, center.id, id, { forUpdate: true });
    if (!row) throw notFound('同義語');
    const set = {
      ...(terms ? { terms } : {}),
      ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
    };
    const [updated] = await tx
      .update(synonymGroups)
      .set({ ...set, updatedAt: ctx.now() })
      .where(eq(synonymGroups.id, row.id))
      .returning();
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'search.synonyms.update',
      centerId: center.id,
      targetType: 'synonym_group',
      targetId: row.id,
      detail: { changes: changedFields(row, set) },
    });
    return present(updated ?? row);
  });
}

/** Removes a synonym group. */
export async function deleteSynonymGroup(ctx: ServiceContext, slug: string, id: string): Promise<void> {
  const center = await resolveForSynonyms(ctx, slug);
  await changing(ctx, center, async (tx) => {
    const row = await findSynonymGroupRow(tx, center.id, id, { forUpdate: true });
    if (!row) throw notFound('同義語');
    await tx.delete(synonymGroups).where(eq(synonymGroups.id, row.id));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'search.synonyms.delete',
      centerId: center.id,
      targetType: 'synonym_group',
      targetId: row.id,
      detail: { terms: row.terms },
    });
  });
}
