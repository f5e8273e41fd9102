/**
 * Finds where each element of the top-level `features` array starts in a JSON text, so that a message
 * about feature N can name its line. Runs after JSON.parse succeeded, so the text is valid JSON.
 */
export function featureLineNumbers(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let lastKey = '';
  let stringStart = -1;
  let featuresDepth = -1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (featuresDepth >= 0 && depth === featuresDepth && expectValue && ch !== ']') {
      lines.push(line);
      expectValue = false;
    }
    switch (ch) {
      case '"':
        inString = true;
        stringStart = i;
        break;
      case '{':
      case '[':
        depth++;
        if (ch === '[' && depth === 2 && lastKey === 'features' && featuresDepth < 0) {
          featuresDepth = 2;
          expectValue = true;
        }
        break;
      case '}':
      case ']':
        if (depth === featuresDepth && ch === ']') featuresDepth = -2; // closed: stop recording
        depth--;
        break;
      case ',':
        if (depth === featuresDepth) expectValue = true;
        break;
      default:
        break;
    }
  }
  return lines;
}

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}

/**
 * Offset of the first syntax error in a JSON text, or -1 when it is valid. JSON.parse messages differ
 * between engines and often give no position, so the reader finds the place itself to name a line.
 */
export function jsonErrorOffset(source: string): number {
  let i = 0;
  const n = source.length;
  const space = (): void => {
    while (i < n && (source[i] === ' ' || source[i] === '\t' || source[i] === '\n' || source[i] === '\r'))
      i++;
  };
  const literal = (word: string): boolean => {
    if (source.startsWith(word, i)) {
      i += word.length;
      return true;
    }
    return false;
  };
  const string = (): boolean => {
    if (source[i] !== '"') return false;
    i++;
    while (i < n) {
      const ch = source.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return true;
      }
      if (ch < 0x20) return false;
      if (ch === 0x5c) {
        const esc = source[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i, i + 400));
    if (!match) return false;
    i += match[0].length;
    return true;
  };
  // Iterative over containers so that deeply nested coordinates cannot overflow the stack.
  const stack: string[] = [];
  const value = (): boolean => {
    space();
    const ch = source[i];
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      i++;
      return true;
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    return number();
  };
  // State machine: after a container opens we expect a member/element or its close.
  if (!value()) return i;
  let justOpened = stack.length > 0;
  while (stack.length > 0) {
    space();
    const top = stack[stack.length - 1];
    const close = top === '{' ? '}' : ']';
    if (source[i] === close) {
      stack.pop();
      i++;
      justOpened = false;
      continue;
    }
    if (!justOpened) {
      if (source[i] !== ',') return i;
      i++;
      space();
    }
    if (top === '{') {
      if (!string()) return i;
      space();
      if (source[i] !== ':') return i;
      i++;
    }
    const depth = stack.length;
    if (!value()) return i;
    justOpened = stack.length > depth;
  }
  space();
  return i < n ? i : -1;
}
