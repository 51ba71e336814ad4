/** One file of an exported folder, with what the README says about it. */
export interface ExportFile {
  /** Relative to the investigation's folder, `/`-separated (`prompts/01-prompt-x.md`). */
  path: string;
  text: string;
  /** What the file is, one sentence for the README. */
  about: string;
  /** The code that made what the file shows (repository paths), so a reader can follow it there. */
  code: string[];
  /** Written gzip'd (`text` is what the file holds once gunzipped): the large evidence. */
  gzip?: boolean;
}

/** `value` as pretty JSON ending in a newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
