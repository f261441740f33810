/**
 * The only edits the harness makes to a snippet: its literal inputs swapped for references to
 * the case's bytes, and its leading imports hoisted to the top of the program.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Slot, SnippetInfo } from './catalog.js';
import { SNIPPETS_DIR } from './page.js';

/** The snippet file's text, exactly as stored. */
export function readSnippet(info: SnippetInfo<string>): string {
  return readFileSync(`${SNIPPETS_DIR}${info.file}`, 'utf8');
}

/**
 * The snippet with every slot's literal replaced by its replacement.
 *
 * @throws Error when a literal does not occur exactly once: the slot no longer fits the page.
 */
export function applySlots(text: string, slots: readonly Slot[]): string {
  let result = text;
  for (const slot of slots) {
    const count = result.split(slot.literal).length - 1;
    if (count !== 1) {
      throw new Error(
        `${slot.role} slot literal ${JSON.stringify(slot.literal)} occurs ${count} times`,
      );
    }
    result = result.replace(slot.literal, () => slot.replacement);
  }
  return result;
}

/** Splits a (slot-applied) snippet into its leading import lines and the statements after. */
export function splitImports(
  text: string,
  importLine: RegExp | undefined,
): { imports: string; statements: string } {
  const lines = text.split(/(?<=\n)/);
  let count = 0;
  while (importLine && count < lines.length && importLine.test(lines[count] as string)) count += 1;
  return { imports: lines.slice(0, count).join(''), statements: lines.slice(count).join('') };
}

/**
 * The part of the statements a sign worker runs. For the shell that is everything up to and
 * including the `SIGNATURE=` line (the curl request after it is the wire-level check's); for
 * a snippet with a `requestLine`, everything before that line; for the others, every statement.
 */
export function signStatements(info: SnippetInfo<string>, statements: string): string {
  const lines = statements.split(/(?<=\n)/);
  if (info.requestLine) {
    const request = info.requestLine;
    const index = lines.findIndex((line) => request.test(line));
    if (index < 0) throw new Error(`${info.id} no longer has a line matching ${String(request)}`);
    return lines.slice(0, index).join('');
  }
  if (info.id !== 'shell') return statements;
  const index = lines.findIndex((line) => line.startsWith(`${info.signatureVariable}=`));
  if (index < 0) throw new Error(`the shell snippet no longer assigns ${info.signatureVariable}`);
  return lines.slice(0, index + 1).join('');
}
