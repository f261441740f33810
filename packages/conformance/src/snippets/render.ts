/**
 * Turns a snippet into a runnable protocol v1 worker: the template in `workers/` with the
 * snippet's hoisted imports and its (slot-applied) statements spliced between marker lines.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SnippetId, type SnippetInfo, snippetInfo } from './catalog.js';
import { applySlots, readSnippet, signStatements, splitImports } from './slots.js';

/** `packages/conformance/workers/`: the same path from `src/snippets/` and `dist/snippets/`. */
export const WORKERS_DIR = fileURLToPath(new URL('../../workers/', import.meta.url));

export type RegionName = 'imports' | 'statements';

export interface RenderedProgram {
  info: SnippetInfo<string>;
  fileName: string;
  source: string;
  /** What was spliced in, before indentation. */
  imports: string;
  statements: string;
}

/** What a worker program is made of: a catalog entry (its `worker` names the template) and its snippet text. */
export interface ProgramSource {
  info: SnippetInfo<string>;
  /** The snippet's text, before its slots are applied. */
  text: string;
}

/** The snippet's imports and sign statements with its slots applied. */
export function snippetParts(
  info: SnippetInfo<string>,
  text: string = readSnippet(info),
): { imports: string; statements: string } {
  const applied = applySlots(text, info.slots);
  const { imports, statements } = splitImports(applied, info.importLine);
  return { imports, statements: signStatements(info, statements) };
}

/**
 * Renders the worker program for a snippet.
 *
 * @param vars values for the template's other `@@NAME@@` placeholders (inserted verbatim).
 */
export function renderWorker(id: SnippetId, vars: Record<string, string> = {}): RenderedProgram {
  const info = snippetInfo(id);
  return renderProgram({ info, text: readSnippet(info) }, vars);
}

/** Renders a worker program from any snippet text (the documented ones, or a correction). */
export function renderProgram(
  { info, text: snippetText }: ProgramSource,
  vars: Record<string, string> = {},
): RenderedProgram {
  const { template, fileName } = info.worker;
  const { imports, statements } = snippetParts(info, snippetText);
  let text = readFileSync(`${WORKERS_DIR}${template}`, 'utf8');
  const all: Record<string, string> = {
    NAME: info.id,
    SIGNATURE: info.signatureVariable,
    API_KEY: 'plugnmeet',
    ...vars,
  };
  // Harness placeholders first, so nothing in the snippet is ever read as a placeholder.
  text = text.replace(/@@([A-Z_]+)@@/g, (match, name: string) => {
    if (name === 'IMPORTS' || name === 'STATEMENTS') return match;
    const value = all[name];
    if (value === undefined) throw new Error(`template ${template} needs a value for ${match}`);
    return value;
  });
  const source = text.replace(/^([ \t]*)@@(IMPORTS|STATEMENTS)@@\n/gm, (_, indent: string, name) =>
    indentLines(name === 'IMPORTS' ? imports : statements, indent),
  );
  return { info, fileName, source, imports, statements };
}

function indentLines(text: string, indent: string): string {
  return text.replace(/^(?=.)/gm, indent);
}

/**
 * The text between a region's marker lines in a rendered program, with the placeholder's
 * indentation taken off again (it must be on every non-empty line).
 */
export function extractRegion(source: string, region: RegionName): string {
  const lines = source.split(/(?<=\n)/);
  const begin = lines.findIndex((line) => line.includes(`snippet ${region} (begin)`));
  const end = lines.findIndex((line) => line.includes(`snippet ${region} (end)`));
  if (begin < 0 || end < begin) throw new Error(`no ${region} region in the program`);
  const indent = (lines[begin] as string).match(/^[ \t]*/)?.[0] ?? '';
  return lines
    .slice(begin + 1, end)
    .map((line) => {
      if (line === '\n' || line === '') return line;
      if (!line.startsWith(indent)) throw new Error(`line not indented like its region: ${line}`);
      return line.slice(indent.length);
    })
    .join('');
}
