import type { SearchDocument } from '../../server/src/modules/search/engine/index.ts';
import type { EvalFaq, EvalQuery } from './eval-data.ts';
import { toSearchDocument } from './eval-data.ts';

// A deterministic generator (mulberry32) so that every run indexes the same corpus.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACE_KANJI = [
  ...'東西南北中上下大小本新古若松竹梅桜川山田原野沢森林岡島浜崎宮坂橋谷井石金木水城里台丘寺池',
];
const FACILITIES = [
  '出張所',
  '支所',
  '地区センター',
  '公民館',
  '保健センター',
  '窓口',
  '分室',
  '行政センター',
];

/**
 * A corpus of `size` FAQs made from the real ones: each copy keeps a real question, phrasings and keywords,
 * names a generated place and facility, and mixes the real answer with sentences of two other FAQs. Term
 * statistics stay realistic, and common terms get long posting lists (a pessimistic case for latency).
 * About 10 % of copies are unpublished, and copies of judged FAQs carry evidence from the queries.
 */
export function syntheticCorpus(faqs: EvalFaq[], queries: EvalQuery[], size: number): SearchDocument[] {
  const random = rng(20270401);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentences = faqs.map((f) => f.answer.split(/(?<=。)/).filter((s) => s.trim().length > 0));
  const evidence = new Map<string, string[]>();
  for (const q of queries) {
    for (const [id, g] of Object.entries(q.judgments)) {
      if (g === 2) evidence.set(id, [...(evidence.get(id) ?? []), q.query]);
    }
  }
  const out: SearchDocument[] = [];
  for (let i = 0; i < size; i++) {
    const base = faqs[i % faqs.length]!;
    const copy = Math.floor(i / faqs.length);
    const place = `${pick(PLACE_KANJI)}${pick(PLACE_KANJI)}町`;
    const facility = pick(FACILITIES);
    const others = [pick(sentences), pick(sentences)].map((s) => pick(s));
    const answer =
      copy === 0 ? base.answer : `${base.answer}${others.join('')}${place}${facility}でも受け付けています。`;
    const doc = toSearchDocument(
      {
        ...base,
        faqId: copy === 0 ? base.faqId : `${base.faqId}-${copy}`,
        question: copy === 0 ? base.question : `${base.question}（${place}${facility}）`,
        answer,
      },
      random() < 0.5 ? evidence.get(base.faqId) : undefined,
    );
    doc.id = `${doc.faqId}#${i}`;
    doc.published = random() >= 0.1;
    out.push(doc);
  }
  return out;
}
