// Learning from use: the words an operator searched before answering with an FAQ are kept as evidence for
// that FAQ (SEARCH.md: past queries attached to their FAQ were the biggest gain). Operators type what the
// caller says, so the wording may hold a phone number, an address number, a date of birth or an e-mail
// address: those are cut out before anything is stored (DOMAIN.md: nothing kept that the work does not need).

/** Longest phrase kept (the column allows 200). */
export const MAX_EVIDENCE_LENGTH = 200;

const emailLike = /[^\s@]+@[^\s@]+/g;
// Phone and My Number style groups: digits joined by hyphens, dots or spaces, 7 digits or more in all.
const digitGroups = /\d[\d\-‐－−ー.()（） ]{5,}\d/g;
const longDigitRun = /\d{4,}/g;

/**
 * A search wording as stored evidence, or null when nothing worth keeping is left: NFKC, lower case, personal
 * data patterns removed (e-mail-like strings, runs of 4+ digits, phone-like digit groups), spaces collapsed.
 */
export function normalizeEvidencePhrase(query: string): string | null {
  const text = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(emailLike, ' ')
    .replace(digitGroups, (m) => (m.replace(/\D/g, '').length >= 7 ? ' ' : m))
    .replace(longDigitRun, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // A phrase of punctuation only (what is left of "090-…") is no evidence.
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  return text.slice(0, MAX_EVIDENCE_LENGTH).trim();
}
