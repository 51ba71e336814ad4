/**
 * A small XML 1.0 well-formedness check for the JUnit report (no XML parser is a dependency): one
 * root element, tags nested and closed in order, attributes quoted and unique, no raw `<` or bare
 * `&` in text or attribute values, no characters XML forbids. Returns the problems found and the
 * elements read (name, attributes, text), so tests can also check what the report says.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

export function checkXml(xml: string): { problems: string[]; root?: XmlElement } {
  const problems: string[] = [];
  if (FORBIDDEN.test(xml)) problems.push('a character XML 1.0 forbids');
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[^\s=/>]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  for (let match = token.exec(body); match !== null; match = token.exec(body)) {
    const [, closing, name, attrs, selfClosing, text, stray] = match;
    if (stray !== undefined) {
      problems.push(`a raw "<" near ${JSON.stringify(body.slice(match.index, match.index + 30))}`);
      break;
    }
    if (text !== undefined) {
      if (text.replace(ENTITY, '').includes('&')) problems.push(`a bare "&" in text ${JSON.stringify(text)}`);
      const top = stack.at(-1);
      if (top) top.text += unescapeXml(text);
      else if (text.trim() !== '') problems.push('text outside the root element');
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) problems.push(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of (attrs ?? '').matchAll(/([^\s=]+)="([^"]*)"/g)) {
      if (key === undefined || value === undefined) continue;
      if (key in attributes) problems.push(`attribute ${key} twice on <${name}>`);
      if (value.replace(ENTITY, '').includes('&')) problems.push(`a bare "&" in ${key}="${value}"`);
      attributes[key] = unescapeXml(value);
    }
    const element: XmlElement = { name: name as string, attributes, text: '', children: [] };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root === undefined) root = element;
    else problems.push(`a second root element <${name}>`);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.map((e) => e.name).join('>, <')}>`);
  if (root === undefined) problems.push('no root element');
  return root === undefined ? { problems } : { problems, root };
}
