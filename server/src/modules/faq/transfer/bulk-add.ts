import { faqInputSchema } from '@madoguchi/contracts';
import type { Executor } from '../../../platform/db/database.ts';
import type { ServiceContext } from '../../auth/actor.ts';
import { answerHtmlOf } from '../answer-html.ts';
import { lockFaqCodes, nextFaqCode } from '../faq.repository.ts';
import { insertFaqs } from '../faq.service.ts';
import type { Operation } from './import-plan.ts';

// New FAQs of an import, written in batches through insertFaqs (what createFaq writes, revision action
// `import`): thousands of rows through createFaq one by one cost about 10 ms each (a dozen round trips), minutes
// for a whole FAQ database. The plan has already checked what createFaq checks (FAQ-IDs free, categories,
// department and related FAQs of the centre, publication window, answer).

const AUTO_CODE = /^FAQ-(\d{6,})$/;

type Add = Extract<Operation, { kind: 'add' }>;

/** Inserts the adds in file order; returns their FAQ-IDs (given, or the next `FAQ-nnnnnn`). */
export async function insertImportedFaqs(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  adds: readonly Add[],
  onBatch: (done: number) => void,
): Promise<string[]> {
  if (!adds.length) return [];
  const inputs = adds.map((a) => faqInputSchema.parse(a.input));

  // Rows without an FAQ-ID take the next numbers after the centre's and the file's own FAQ-nnnnnn.
  let next = 0;
  if (inputs.some((i) => !i.faqId)) {
    await lockFaqCodes(tx, centerId);
    next = Number((await nextFaqCode(tx, centerId)).slice(4));
    for (const i of inputs) {
      const m = i.faqId ? AUTO_CODE.exec(i.faqId) : null;
      if (m) next = Math.max(next, Number(m[1]) + 1);
    }
  }
  const codes = inputs.map((i) => i.faqId ?? `FAQ-${String(next++).padStart(6, '0')}`);

  await insertFaqs(
    tx,
    ctx,
    centerId,
    inputs.map(({ faqId: _faqId, ...content }, i) => ({
      faqId: codes[i] as string,
      content: { ...content, answer: answerHtmlOf(content.answer) },
    })),
    { action: 'import', onBatch },
  );
  return codes;
}
