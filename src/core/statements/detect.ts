/**
 * Which parser a file needs, from its first bytes (pass DETECT_BYTES of them: the camt.053
 * namespace may follow an XML declaration and a comment). Generic CSV is only a fallback for
 * delimited text: it still needs a saved column mapping chosen by the user.
 */
import iconv from 'iconv-lite';
import type { StatementFormat } from './types.js';

export const DETECT_BYTES = 4096;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ALIPAY_TITLE = '#支付宝';
const CAMT053_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.053.';

export function detectFormat(firstBytes: Buffer): StatementFormat | null {
  const bytes = firstBytes.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? firstBytes.subarray(UTF8_BOM.length) : firstBytes;
  const lineEnd = bytes.indexOf(0x0a);
  const firstLine = bytes.subarray(0, lineEnd < 0 ? bytes.length : lineEnd);
  const head = bytes.toString('latin1').trimStart();
  if (head.startsWith('<')) return head.includes(CAMT053_NAMESPACE) ? 'camt053' : null;
  if (head.startsWith('{1:') || head.startsWith(':20:')) return 'mt940';
  // The Alipay title in GBK, or in UTF-8 (the parser then insists on a byte-order mark).
  if (iconv.decode(firstLine, 'gb18030').startsWith(ALIPAY_TITLE) || firstLine.toString('utf8').startsWith(ALIPAY_TITLE)) return 'alipay';
  return looksDelimited(firstLine) ? 'csv' : null;
}

/** Text (no control characters but tab and CR) with at least one common delimiter. */
function looksDelimited(line: Buffer): boolean {
  if (line.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0d)) return false;
  const text = line.toString('latin1');
  return /[,;\t|]/.test(text);
}
