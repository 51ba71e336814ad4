/**
 * The repository's documents stand on their own: no file of src/ or docs/ (nor README.md) names a
 * document that lives outside the repository (the team's old design notes and bundle spec), and
 * every relative link in docs/*.md and README.md leads to a file, and a heading, that exists. A
 * hint that sends a user to a file they do not have is worse than no hint.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Names of documents outside the repository. Case matters: `docs/architecture.md` is ours,
 * `ARCHITECTURE.md` was the outside one.
 */
const OUTSIDE = [/spec\/incident-bundle\.md/, /ARCHITECTURE\.md/, /STYLE\.md/, /shared\//, /shared folder/i];

/** The outside documents `text` names, each as the text that matched, in the order of OUTSIDE. */
function outsideReferences(text: string): string[] {
  return OUTSIDE.flatMap((pattern) => text.match(new RegExp(pattern, `g${pattern.flags}`)) ?? []);
}

/** Markdown with fenced blocks and inline code removed: link syntax inside code is not a link. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of the inline links and link definitions of `markdown`, outside code. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defined = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map(
    (m) => m[1]!,
  );
  return [...inline, ...defined];
}

/** The anchors GitHub gives the headings of `markdown`, in order (a repeated one gets `-1`, `-2`). */
function headingAnchors(markdown: string): string[] {
  const seen = new Map<string, number>();
  const anchors: string[] = [];
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = match[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.push(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function withoutFences(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** What is wrong with one link of the file at `from`, or undefined when it leads somewhere real. */
async function brokenLink(from: string, target: string): Promise<string | undefined> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const [pathPart = '', anchor] = target.split('#', 2);
  const path = pathPart === '' ? from : resolve(dirname(from), decodeURIComponent(pathPart));
  if (!existsSync(path)) return `${target}: no such file`;
  if (anchor === undefined || anchor === '' || !path.endsWith('.md') || statSync(path).isDirectory()) {
    return undefined;
  }
  const anchors = headingAnchors(await readFile(path, 'utf8'));
  return anchors.includes(decodeURIComponent(anchor)) ? undefined : `${target}: no heading #${anchor}`;
}

async function filesUnder(dir: string, name: RegExp): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && name.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const rel = (path: string) => relative(ROOT, path).split('\\').join('/');

describe('outsideReferences', () => {
  test.each([
    { text: 'See spec/incident-bundle.md for the format.', found: ['spec/incident-bundle.md'] },
    { text: 'see ARCHITECTURE.md and STYLE.md', found: ['ARCHITECTURE.md', 'STYLE.md'] },
    { text: '[--data ../shared/data]', found: ['shared/'] },
    { text: "of the team's Shared Folder", found: ['Shared Folder'] },
    { text: 'See docs/bundles.md and docs/architecture.md.', found: [] },
    { text: 'shared with other work; a shared PostgreSQL store', found: [] },
  ])('$text', ({ text, found }) => {
    expect(outsideReferences(text)).toEqual(found);
  });
});

describe('linkTargets and headingAnchors', () => {
  test('finds inline links and definitions, not link syntax inside code', () => {
    const markdown = [
      'See [bundles](docs/bundles.md#truthyaml) and [site](https://example.com "title").',
      '`[not](a-link.md)`',
      '```sh',
      'echo "[nor](this.md)"',
      '```',
      '[ref]: ./testing/',
    ].join('\n');
    expect(linkTargets(markdown)).toEqual(['docs/bundles.md#truthyaml', 'https://example.com', './testing/']);
  });

  test('gives headings the anchors GitHub gives them', () => {
    const markdown = [
      '# Incident bundles',
      '## metrics.csv / metrics.jsonl',
      '## `truth.yaml` and who reads it',
      '```',
      '# a shell comment, not a heading',
      '```',
      '### Add a connector',
      '### Add a connector',
    ].join('\n');
    expect(headingAnchors(markdown)).toEqual([
      'incident-bundles',
      'metricscsv--metricsjsonl',
      'truthyaml-and-who-reads-it',
      'add-a-connector',
      'add-a-connector-1',
    ]);
  });

  test('brokenLink names a missing file and a missing heading', async () => {
    const readme = join(ROOT, 'README.md');
    expect(await brokenLink(readme, 'docs/bundles.md')).toBeUndefined();
    expect(await brokenLink(readme, 'docs/no-such-page.md')).toBe('docs/no-such-page.md: no such file');
    expect(await brokenLink(readme, 'docs/bundles.md#no-such-heading')).toBe(
      'docs/bundles.md#no-such-heading: no heading #no-such-heading',
    );
    expect(await brokenLink(readme, 'https://example.com/x.md')).toBeUndefined();
  });
});

describe('the repository refers only to itself', () => {
  test('no file of src/, docs/ or README.md names a document outside the repository', async () => {
    const files = [
      ...(await filesUnder('src', /./)),
      ...(await filesUnder('docs', /./)),
      join(ROOT, 'README.md'),
    ];
    expect(files.map(rel)).toEqual(
      expect.arrayContaining(['src/core/schema.ts', 'docs/bundles.md', 'README.md']),
    );
    const offenders: string[] = [];
    for (const file of files) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const found of outsideReferences(line)) offenders.push(`${rel(file)}:${i + 1}: ${found}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  test('every docs/ page that src/ names (in hints and comments) exists', async () => {
    const named = new Set<string>();
    for (const file of await filesUnder('src', /\.ts$/)) {
      for (const match of (await readFile(file, 'utf8')).matchAll(/\bdocs\/[\w./-]+?\.md\b/g))
        named.add(match[0]);
    }
    // The bundle hints are the reason this file exists; if they vanished, this test would check nothing.
    expect([...named]).toContain('docs/bundles.md');
    expect([...named].filter((page) => !existsSync(join(ROOT, page)))).toEqual([]);
  });

  test('every relative link in docs/*.md and README.md leads to a file and heading that exist', async () => {
    const pages = [...(await filesUnder('docs', /\.md$/)), join(ROOT, 'README.md')];
    expect(pages.map(rel)).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/bundles.md']));
    const broken: string[] = [];
    for (const page of pages) {
      for (const target of linkTargets(await readFile(page, 'utf8'))) {
        const problem = await brokenLink(page, target);
        if (problem !== undefined) broken.push(`${rel(page)}: ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
