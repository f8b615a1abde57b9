// Attachments of an FAQ (seed 004 第2-8(1)ア(ｲ)): forms, leaflets and tables that operators open while a
// citizen waits. The kind is decided by the file name's extension and proven by the bytes, so a renamed
// executable or an HTML page posing as a PDF is refused whatever type the browser declared.

/** Largest attachment accepted, in bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Attachments per FAQ. */
export const MAX_ATTACHMENTS_PER_FAQ = 10;

interface Kind {
  contentType: string;
  /** Types browsers and mail clients declare for such files; application/octet-stream is always accepted. */
  declared: string[];
  matches: (data: Buffer) => boolean;
}

const startsWith = (data: Buffer, ...bytes: number[]) => bytes.every((b, i) => data[i] === b);
const zipLocalHeader = (data: Buffer) => startsWith(data, 0x50, 0x4b, 0x03, 0x04);
// An Office Open XML package names its parts in the zip's local headers, in plain ASCII.
const officePackage = (data: Buffer, part: string) =>
  zipLocalHeader(data) && data.includes('[Content_Types].xml') && data.includes(part);

/** Text files: no NUL byte and none of the binary signatures (UTF-8 and Shift_JIS both qualify). */
function looksLikeText(data: Buffer): boolean {
  const head = data.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  return !Object.values(binaryKinds).some((k) => k.matches(data));
}

const binaryKinds = {
  pdf: {
    contentType: 'application/pdf',
    declared: ['application/pdf', 'application/x-pdf'],
    matches: (d: Buffer) => startsWith(d, 0x25, 0x50, 0x44, 0x46, 0x2d), // %PDF-
  },
  png: {
    contentType: 'image/png',
    declared: ['image/png'],
    matches: (d: Buffer) => startsWith(d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  },
  jpeg: {
    contentType: 'image/jpeg',
    declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
    matches: (d: Buffer) => startsWith(d, 0xff, 0xd8, 0xff),
  },
  gif: {
    contentType: 'image/gif',
    declared: ['image/gif'],
    matches: (d: Buffer) =>
      d
        .subarray(0, 6)
        .toString('latin1')
        .match(/^GIF8[79]a$/) !== null,
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    declared: [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/zip',
      'application/x-zip-compressed',
    ],
    matches: (d: Buffer) => officePackage(d, 'word/'),
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    declared: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/zip',
      'application/x-zip-compressed',
    ],
    matches: (d: Buffer) => officePackage(d, 'xl/'),
  },
} satisfies Record<string, Kind>;

const kinds: Record<string, Kind> = {
  pdf: binaryKinds.pdf,
  png: binaryKinds.png,
  jpg: binaryKinds.jpeg,
  jpeg: binaryKinds.jpeg,
  gif: binaryKinds.gif,
  docx: binaryKinds.docx,
  xlsx: binaryKinds.xlsx,
  txt: { contentType: 'text/plain; charset=utf-8', declared: ['text/plain'], matches: looksLikeText },
  csv: {
    contentType: 'text/csv',
    // Windows sends CSV as Excel's type.
    declared: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'],
    matches: looksLikeText,
  },
};

/** Extensions accepted, for messages. */
export const acceptedExtensions = 'PDF, PNG, JPEG, GIF, Word (docx), Excel (xlsx), テキスト (txt), CSV';

export type AttachmentCheck = { ok: true; contentType: string } | { ok: false; reason: string };

/** Checks an upload's name, declared type and bytes; gives the content type to store and serve. */
export function checkAttachment(filename: string, declaredType: string, data: Buffer): AttachmentCheck {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const kind = kinds[ext];
  if (!kind) return { ok: false, reason: `添付できるのは ${acceptedExtensions} のファイルです。` };
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (declared && declared !== 'application/octet-stream' && !kind.declared.includes(declared))
    return { ok: false, reason: `ファイルの種類（${declared}）が拡張子 .${ext} と一致しません。` };
  if (!kind.matches(data)) return { ok: false, reason: `ファイルの中身が .${ext} の形式ではありません。` };
  return { ok: true, contentType: kind.contentType };
}

/**
 * A file name safe to store and to send back: no directories, no control characters, at most 200 characters,
 * keeping the extension.
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC')]
    .filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (cleaned.length <= 200) return cleaned || 'file';
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** `Content-Disposition` for a download: an ASCII fallback name and the real one in RFC 5987 form. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
