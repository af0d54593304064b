/**
 * Limits that say so, and the strict decoding of uploaded text. Pure.
 */
import type { Problem } from './model';

export const LIMITS = {
  /** one uploaded file (the API answers 413 above it; the CLI reads any size) */
  uploadFileBytes: 256 * 1024 * 1024,
  /** one cell of a CSV file, or one attribute value */
  cellBytes: 1024 * 1024,
  /** files in one import */
  files: 100,
  /** rows shown per file in the preview */
  sampleRows: 5,
} as const;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} kB`;
  return `${n} bytes`;
}

/**
 * Decodes UTF-8 strictly (a byte-order mark is dropped). Returns the text, or a problem naming the first byte
 * that is not UTF-8 with its line.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { problem: Problem } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    // find the first bad position to say where
    let line = 1;
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i]!;
      const len =
        b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      let ok = len > 0 && i + len <= bytes.length;
      for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
      if (!ok) break;
      if (b === 0x0a) line++;
      i += len;
    }
    return {
      problem: {
        file,
        line,
        message: `the file is not UTF-8 text (byte ${i + 1}, on line ${line}, is not valid UTF-8): save it as UTF-8 (in Excel: "CSV UTF-8"; in LibreOffice: character set "Unicode (UTF-8)")`,
      },
    };
  }
}
