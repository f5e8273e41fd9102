/**
 * A linear scanner over the tags of an XML document: every step moves forward, so a hostile document
 * (an unclosed element, a million attributes) costs time proportional to its length, never quadratic as
 * lazy regular expressions over the rest of the document do. Enough XML for spreadsheet parts: no DTDs,
 * no namespaces resolution (prefixes are kept in names).
 */
export interface XmlTag {
  /** Element name as written (`c`, `x:row`); empty for comments, declarations and processing instructions. */
  readonly name: string;
  /** The raw attribute text between the name and `>` or `/>`. */
  readonly attributes: string;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  /** Offset just after the tag's `>`. */
  readonly end: number;
}

/** The next tag at or after `from`, or undefined at the end of the document. */
export function nextTag(xml: string, from: number): (XmlTag & { readonly start: number }) | undefined {
  const start = xml.indexOf('<', from);
  if (start < 0) return undefined;
  if (xml.startsWith('<!--', start)) {
    const close = xml.indexOf('-->', start + 4);
    return {
      start,
      name: '',
      attributes: '',
      closing: false,
      selfClosing: true,
      end: close < 0 ? xml.length : close + 3,
    };
  }
  if (xml.startsWith('<![CDATA[', start)) {
    const close = xml.indexOf(']]>', start + 9);
    return {
      start,
      name: '',
      attributes: '',
      closing: false,
      selfClosing: true,
      end: close < 0 ? xml.length : close + 3,
    };
  }
  // Find the closing '>' outside quoted attribute values.
  let quote = 0;
  let at = start + 1;
  for (; at < xml.length; at++) {
    const c = xml.charCodeAt(at);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) break;
  }
  const end = Math.min(at + 1, xml.length);
  const inner = xml.slice(start + 1, at);
  if (inner.startsWith('?') || inner.startsWith('!')) {
    return { start, name: '', attributes: '', closing: false, selfClosing: true, end };
  }
  const closing = inner.startsWith('/');
  const body = closing ? inner.slice(1) : inner;
  const selfClosing = body.endsWith('/');
  const trimmed = selfClosing ? body.slice(0, -1) : body;
  const space = trimmed.search(/[\s]/);
  const name = space < 0 ? trimmed : trimmed.slice(0, space);
  const attributes = space < 0 ? '' : trimmed.slice(space);
  return { start, name, attributes, closing, selfClosing, end };
}

/** The value of attribute `name` in a tag's attribute text (plain or prefixed), unescaped later. */
export function attributeOf(attributes: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attributes.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? ' ' : attributes[at - 1]!;
    if (!/\s/.test(before)) continue;
    let i = from;
    while (i < attributes.length && /\s/.test(attributes[i]!)) i++;
    if (attributes[i] !== '=') continue;
    i++;
    while (i < attributes.length && /\s/.test(attributes[i]!)) i++;
    const quote = attributes[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = attributes.indexOf(quote, i + 1);
    return close < 0 ? undefined : attributes.slice(i + 1, close);
  }
}
