/**
 * The docs page, kept verbatim as `snippets/api-introduction.txt`, and the sections its code
 * snippets live in. A section is every line between a heading line and the next heading line.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `packages/conformance/snippets/`: the same path from `src/snippets/` and `dist/snippets/`. */
export const SNIPPETS_DIR = fileURLToPath(new URL('../../snippets/', import.meta.url));

/** The page's file name inside {@link SNIPPETS_DIR}. */
export const PAGE_FILE = 'api-introduction.txt';

/** The heading that ends the last snippet's section. */
export const PAGE_END_HEADING = 'SDKs';

/** The page text exactly as stored. */
export function readPage(): string {
  return readFileSync(`${SNIPPETS_DIR}${PAGE_FILE}`, 'utf8');
}

/**
 * Cuts the page into the sections under `headings` (in page order), each ending at the next
 * heading or at `endHeading`. A section's text is its lines, each followed by `\n`.
 *
 * @throws Error when a heading is missing, repeated, or out of order: the page changed shape.
 */
export function extractSections(
  page: string,
  headings: readonly string[],
  endHeading: string = PAGE_END_HEADING,
): Map<string, string> {
  const lines = page.split('\n');
  const stops = [...headings, endHeading];
  const positions = stops.map((heading) => {
    const found = lines.flatMap((line, index) => (line === heading ? [index] : []));
    if (found.length !== 1) {
      throw new Error(
        `heading ${JSON.stringify(heading)} occurs ${found.length} times on the page`,
      );
    }
    return found[0] as number;
  });
  const sections = new Map<string, string>();
  headings.forEach((heading, index) => {
    const start = positions[index] as number;
    const end = positions[index + 1] as number;
    if (end <= start) throw new Error(`heading ${JSON.stringify(heading)} is out of order`);
    sections.set(
      heading,
      lines
        .slice(start + 1, end)
        .map((line) => `${line}\n`)
        .join(''),
    );
  });
  return sections;
}
