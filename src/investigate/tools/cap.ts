/**
 * Keeps a tool's JSON under a size cap, so one call cannot flood a model's context: the longest
 * arrays are cut (the strongest items come first, so the tail goes) until the JSON fits, and what
 * was cut is said in the output itself.
 */

export const MAX_TOOL_OUTPUT_CHARS = 8_000;

export function capJson(value: unknown, maxChars = MAX_TOOL_OUTPUT_CHARS): string {
  let json = JSON.stringify(value);
  if (json.length <= maxChars) return json;
  if (value === null || typeof value !== 'object') return `${json.slice(0, maxChars - 20)}… (truncated)`;
  const copy: Record<string, unknown> = Array.isArray(value) ? { items: [...value] } : { ...value };
  const cut: Record<string, number> = {};
  for (let round = 0; round < 40 && json.length > maxChars; round++) {
    const longest = Object.entries(copy)
      .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]) && entry[1].length > 0)
      .sort((a, b) => JSON.stringify(b[1]).length - JSON.stringify(a[1]).length)[0];
    if (!longest) break;
    const [key, items] = longest;
    cut[key] ??= items.length;
    copy[key] = items.slice(0, Math.floor(items.length / 2));
    json = JSON.stringify({ ...copy, truncated: describeCut(cut, copy) });
  }
  if (json.length <= maxChars) return json;
  return `${json.slice(0, maxChars - 20)}… (truncated)`;
}

function describeCut(cut: Record<string, number>, copy: Record<string, unknown>): string {
  return Object.entries(cut)
    .map(([key, total]) => `${key}: first ${(copy[key] as unknown[]).length} of ${total}`)
    .join('; ');
}
