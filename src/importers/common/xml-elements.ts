/**
 * A small reader of XML element trees, enough for documents tools write (libvirt domains, Maven POMs):
 * elements, attributes, text, comments, CDATA, the XML declaration, and the five predefined
 * entities and character references. A DOCTYPE is refused, so no entity is ever expanded from
 * the input (no "billion laughs", no external files).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of the start tag, for messages. */
  line: number;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref] ?? whole;
  });
}

/** The root elements of an XML text (a file may hold several `virsh dumpxml` outputs), or a sentence saying what is wrong. */
export function readXml(text: string): XmlElement[] | { error: string; line: number } {
  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  const lineAt = (index: number): number => text.slice(0, index).split('\n').length;
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|</g;
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    const [whole, cdata, closing, opening, attributeText, selfClosing, chars] = match;
    const line = lineAt(match.index);
    if (whole === '<!DOCTYPE')
      return { error: 'a DOCTYPE is not read (no entities are expanded from the input)', line };
    if (whole === '<') return { error: 'a "<" that starts no tag', line };
    if (chars !== undefined || cdata !== undefined) {
      const parent = stack[stack.length - 1];
      const content = cdata ?? decode(chars ?? '');
      if (parent) parent.text += content;
      else if (content.trim() !== '') return { error: 'text outside any element', line };
      continue;
    }
    if (closing !== undefined) {
      const open = stack.pop();
      if (open?.name !== closing)
        return {
          error: open ? `</${closing}> closes <${open.name}> (line ${open.line})` : `</${closing}> closes nothing`,
          line,
        };
      continue;
    }
    if (opening === undefined) continue; // a comment or the XML declaration
    const attributes: Record<string, string> = {};
    for (const a of (attributeText ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attributes[a[1]!] = decode(a[2] ?? a[3] ?? '');
    const element: XmlElement = { name: opening, attributes, children: [], text: '', line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else roots.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  const open = stack.pop();
  if (open) return { error: `<${open.name}> is never closed`, line: open.line };
  return roots;
}

/** The first child element of that name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child element of that name. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

/** The trimmed text of a child element, or undefined when absent or empty. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const text = child(element, name)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}
