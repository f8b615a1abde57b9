// The automatic reply confirming receipt (seed 004 第2-8(2)エ: 受信後、正常に受信した旨を自動応答により回答).
// It is rendered when the inquiry is saved (in the same transaction) and stored in outgoing_mails, so what
// goes out later is exactly what was decided then, whatever the job's timing.
//
// It never repeats the inquiry's text or the citizen's name: the address may be mistyped, and then a stranger
// reads the mail. It carries the receipt number, the time of receipt and how to reach the centre.
import {
  defaultAutoReplyBody,
  defaultAutoReplySubject,
  type MailPlaceholder,
  type WeeklyHours,
} from '@madoguchi/contracts';
import { fillTemplate, oneLine } from '../../platform/mail/index.ts';
import { weeklyHoursRows } from '../public-site/layout.ts';
import { formatReceivedAt } from './receipt.ts';

export interface CenterForMail {
  name: string;
  businessHours: WeeklyHours;
  lines: { number: string; label: string }[];
}

export function autoReplyValues(
  center: CenterForMail,
  receiptNumber: string,
  receivedAt: Date,
): Record<MailPlaceholder, string> {
  const phones = center.lines.map((l) => (l.label ? `${l.label}：${l.number}` : l.number));
  return {
    receiptNumber,
    centerName: center.name,
    receivedAt: formatReceivedAt(receivedAt),
    contactPhones: phones.length > 0 ? phones.join('\n') : '（電話番号は公開サイトをご覧ください）',
    centerHours: weeklyHoursRows(center.businessHours)
      .map((r) => `${r.days} ${r.hours}`)
      .join('／'),
  };
}

/** Subject (one line) and plain-text body from the centre's templates, or the defaults. */
export function composeAutoReply(
  templates: { subject: string; body: string } | null,
  values: Record<MailPlaceholder, string>,
): { subject: string; text: string } {
  const subject = oneLine(fillTemplate(templates?.subject ?? defaultAutoReplySubject, values));
  const text = fillTemplate(templates?.body ?? defaultAutoReplyBody, values).replace(/\r\n?/g, '\n');
  return { subject, text: text.endsWith('\n') ? text : `${text}\n` };
}
