/**
 * What the user gives → plain article text. HTML: the main text of the page (Mozilla Readability over a linkedom
 * DOM; scripts, styles and page furniture dropped, nothing executed). PDF: the text layer (unpdf). Plain text
 * as it is. Errors name what to fix; they never leak a stack.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type InputKind = 'text' | 'html' | 'pdf';

export interface ArticleText {
  text: string;
  /** the page's own title (HTML) — offered to the user, never used as the source name unless they keep it */
  title?: string;
}

const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'TR',
  'BR',
  'FIGCAPTION',
  'HEADER',
  'FOOTER',
  'UL',
  'OL',
  'TABLE',
]);
const DROP = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'form',
  'nav',
  'aside',
];

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

function blockText(root: DomNode): string {
  const out: string[] = [];
  const walk = (n: DomNode) => {
    if (n.nodeType === 3) {
      out.push(n.textContent ?? '');
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i]!);
    if (BLOCK.has(n.nodeName.toUpperCase())) out.push('\n');
  };
  walk(root);
  return tidy(out.join(''));
}

function tidy(s: string): string {
  return s
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function htmlToText(html: string): ArticleText {
  const { document } = parseHTML(
    html.includes('<html') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`,
  );
  for (const tag of DROP.slice(0, 9)) for (const el of [...document.querySelectorAll(tag)]) el.remove();
  const pageTitle = document.querySelector('title')?.textContent?.trim() || undefined;
  let text = '';
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: inner } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      text = blockText(inner.body as unknown as DomNode);
    }
  } catch {
    text = '';
  }
  if (text.trim() === '') {
    // too short for Readability: fall back to the body's text without page furniture
    const { document: again } = parseHTML(
      html.includes('<html') ? html : `<!doctype html><html><body>${html}</body></html>`,
    );
    for (const tag of DROP) for (const el of [...again.querySelectorAll(tag)]) el.remove();
    text = again.body ? blockText(again.body as unknown as DomNode) : '';
  }
  return pageTitle ? { text, title: pageTitle } : { text };
}

export async function pdfToText(data: Uint8Array): Promise<ArticleText> {
  const head = new TextDecoder('latin1').decode(data.slice(0, 1024));
  if (!head.includes('%PDF-'))
    throw new InputError(
      'not_a_pdf',
      'The file is not a PDF (it does not start with "%PDF-"): upload the PDF itself, or paste its text.',
    );
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(new Uint8Array(data));
    const { text } = await extractText(pdf, { mergePages: true });
    const out = tidy(Array.isArray(text) ? text.join('\n') : text);
    if (out === '')
      throw new InputError(
        'no_text_layer',
        'The PDF has no text layer (it is probably scanned images): run OCR on it first, or paste its text.',
      );
    return { text: out };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      'unreadable_pdf',
      `The PDF could not be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'}): check that the file is a complete, unencrypted PDF.`,
    );
  }
}

/** Detects the kind of a file from its media type or name. */
export function kindOf(mediaType: string | undefined, fileName?: string): InputKind | undefined {
  const type = (mediaType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf' || /\.pdf$/i.test(fileName ?? '')) return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml' || /\.x?html?$/i.test(fileName ?? '')) return 'html';
  if (type === 'text/plain' || /\.(txt|text|md)$/i.test(fileName ?? '')) return 'text';
  return undefined;
}

export async function toArticleText(kind: InputKind, data: Uint8Array | string): Promise<ArticleText> {
  if (kind === 'pdf') return pdfToText(typeof data === 'string' ? new TextEncoder().encode(data) : data);
  const text = typeof data === 'string' ? data : decodeUtf8(data);
  return kind === 'html' ? htmlToText(text) : { text };
}

function decodeUtf8(data: Uint8Array): string {
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(data);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  } catch {
    throw new InputError('not_utf8', 'The file is not UTF-8 text: save it as UTF-8 (or upload it as HTML or PDF).');
  }
}
