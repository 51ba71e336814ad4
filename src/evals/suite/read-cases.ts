/**
 * Reading single cases of a suite without loading all of them into objects: `eval list` and
 * `eval get`. These only need the file to be valid YAML, so a person or an agent can still read
 * the case they broke by hand in order to fix it (every write validates the whole suite).
 */
import { type Document, isMap, isNode, LineCounter, parseDocument } from 'yaml';
import { NightshiftError } from '../../core/index.js';
import { closestName } from '../assertions/closest-name.js';
import { type CaseBlock, type CasesList, locateCases } from './case-blocks.js';
import { caseSourceText } from './case-text.js';
import { problemsError, readSuiteFile } from './load.js';
import { scanCases } from './scan-cases.js';

/** A suite's text with its cases located, for reading or editing single cases. */
export interface ParsedSuite {
  file: string;
  text: string;
  list: CasesList;
  /** The parsed document; absent when the cases were located by the fast scanner. */
  doc?: Document;
}

/**
 * The suite with its cases located by the line scanner (no YAML parse) when it knows the layout
 * and every case has a plainly written name; by the yaml parser otherwise.
 */
export function locateFast(file: string, text: string): ParsedSuite {
  const list = scanCases(text);
  if (list === undefined || (list.kind === 'block' && list.blocks.some((b) => b.name === undefined))) {
    return parseSuiteText(file, text);
  }
  return { file, text, list };
}

/** Reads `file` and parses it, keeping source tokens; throws BAD_INPUT naming the line of a YAML error. */
export async function readSuiteText(file: string): Promise<ParsedSuite> {
  return parseSuiteText(file, await readSuiteFile(file));
}

export function parseSuiteText(file: string, text: string): ParsedSuite {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: true });
  if (doc.errors.length > 0) {
    throw problemsError(
      doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        message: `not valid YAML (${e.message.split('\n')[0]})`,
      })),
    );
  }
  return { file, text, doc, list: locateCases(doc, text, file) };
}

/** One line of `eval list`. */
export interface CaseSummary {
  /** 1-based, as `#n` takes it. */
  index: number;
  name: string;
  tags: string[];
  /** The first line of the description, or "". */
  description: string;
}

/** Every case's index, name, tags and one-line description; never the bodies. */
export async function listCases(file: string): Promise<CaseSummary[]> {
  const parsed = await readSuiteText(file);
  const doc = parsed.doc as Document;
  return blocksOf(parsed).map((block) => {
    const node = doc.getIn(['cases', block.index], true);
    // Only the fields shown are turned into data: a case may hold a whole recorded interaction.
    const tagsNode = isMap(node) ? node.get('tags', true) : undefined;
    const tags = isNode(tagsNode) ? tagsNode.toJS(doc) : undefined;
    const description = isMap(node) ? node.get('description') : undefined;
    return {
      index: block.index + 1,
      name: block.name ?? '',
      tags: Array.isArray(tags) ? tags.map(String) : [],
      description: typeof description === 'string' ? (description.split('\n')[0] ?? '') : '',
    };
  });
}

/** One case as `eval get` shows it. */
export interface FoundCase {
  /** 1-based. */
  index: number;
  name: string;
  /** The case's own text as written in the file, shifted left to stand alone as a mapping. */
  source: string;
  /** The case as data (before suite defaults are merged). */
  value: unknown;
}

/**
 * The case named `ref`, or the `#n`-th (1-based); NOT_FOUND with the closest name otherwise.
 * Only that case is parsed when the scanner knows the layout (and the parsed case must bear the
 * name asked for); the whole file otherwise.
 */
export async function getCase(file: string, ref: string): Promise<FoundCase> {
  const text = await readSuiteFile(file);
  const fast = locateFast(file, text);
  if (fast.doc === undefined) {
    const block = findCase(fast, ref);
    const source = caseSourceText(text, block);
    const alone = parseDocument(source);
    const value: unknown = alone.errors.length === 0 ? alone.toJS() : undefined;
    if (isRecord(value) && value.name === block.name)
      return { index: block.index + 1, name: block.name ?? '', source, value };
  }
  const parsed = fast.doc === undefined ? parseSuiteText(file, text) : fast;
  const block = findCase(parsed, ref);
  const node = parsed.doc?.getIn(['cases', block.index], true);
  return {
    index: block.index + 1,
    name: block.name ?? '',
    source: caseSourceText(text, block),
    value: isNode(node) ? node.toJS(parsed.doc as Document) : node,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The cases of a parsed suite in file order (none for a suite without cases). */
export function blocksOf(parsed: ParsedSuite): CaseBlock[] {
  return parsed.list.kind === 'block' ? parsed.list.blocks : [];
}

/** Resolves a name or `#n` to a case; throws NOT_FOUND saying which names exist. */
export function findCase(parsed: ParsedSuite, ref: string): CaseBlock {
  const blocks = blocksOf(parsed);
  const byIndex = /^#(\d+)$/.exec(ref);
  if (byIndex) {
    const block = blocks[Number(byIndex[1]) - 1];
    if (block !== undefined && Number(byIndex[1]) >= 1) return block;
    throw new NightshiftError(
      'NOT_FOUND',
      `${parsed.file}: no case ${ref}; the suite has ${blocks.length} cases`,
      {
        hint:
          blocks.length > 0
            ? `Use #1 … #${blocks.length}, or a name from \`nightshift eval list\`.`
            : undefined,
      },
    );
  }
  const block = blocks.find((b) => b.name === ref);
  if (block !== undefined) return block;
  const names = blocks.flatMap((b) => (b.name === undefined ? [] : [b.name]));
  const guess = closestName(ref, names);
  throw new NightshiftError(
    'NOT_FOUND',
    `${parsed.file}: no case named "${ref}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`,
    { hint: 'Run `nightshift eval list <suite>` to see the case names.' },
  );
}
