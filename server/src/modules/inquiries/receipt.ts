// Receipt numbers (受付番号): what the citizen is shown and quotes on the phone. `W` for the web form, the
// Japan-time day of receipt and a counter per centre and day, e.g. W20261122-0007. The counter comes from
// inquiry_counters in the transaction that saves the inquiry, so numbers are unique and without gaps.

/** `W20261122-0007` from the Japan date `2026-11-22` and the day's counter 7 (5 digits past 9999). */
export function formatReceiptNumber(jstDay: string, counter: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(jstDay)) throw new RangeError(`not a date: ${jstDay}`);
  if (!Number.isSafeInteger(counter) || counter < 1) throw new RangeError(`not a counter: ${counter}`);
  return `W${jstDay.replaceAll('-', '')}-${String(counter).padStart(4, '0')}`;
}

/** 「2026年11月22日 14時05分」 in Japan time, for the receipt page and the auto-reply. */
export function formatReceivedAt(at: Date): string {
  const jst = new Date(at.getTime() + 9 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日 ` +
    `${pad(jst.getUTCHours())}時${pad(jst.getUTCMinutes())}分`
  );
}
