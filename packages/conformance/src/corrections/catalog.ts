/**
 * The corrected snippets: for each documented snippet that diverges somewhere in the matrix,
 * a version kept as close to the original as it can be (same language, same libraries where
 * they still work, same shape), stored beside it in `corrections/<id>/`. Each runs through
 * the same slots mechanism as the originals (`src/snippets/catalog.ts`) and names the
 * findings it fixes.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SnippetId, type SnippetInfo, snippetInfo } from '../snippets/catalog.js';

/** `packages/conformance/corrections/`: the same path from `src/corrections/` and `dist/corrections/`. */
export const CORRECTIONS_DIR = fileURLToPath(new URL('../../corrections/', import.meta.url));

export type CorrectionId = 'shell-corrected' | 'java-corrected';

export interface CorrectionInfo extends SnippetInfo<CorrectionId> {
  /** The documented snippet this one replaces (its heading is the page section to patch). */
  correctionOf: SnippetId;
  /** The corrected snippet's file, relative to `corrections/`. */
  file: string;
  /** The cause ids (as the diagnosis names them) of the findings this fixes. */
  fixes: readonly string[];
  /** One line for the reports: which findings, fixed how. */
  reason: string;
  /** For the maintainers' note: why the new code is right, a few sentences. */
  rationale: string;
}

export const CORRECTIONS: readonly CorrectionInfo[] = [
  {
    id: 'shell-corrected',
    correctionOf: 'shell',
    heading: 'Shell with cURL',
    language: 'shell',
    label: 'Shell (here-document + awk + openssl + curl --data-binary), corrected',
    file: 'shell/snippet.sh',
    worker: { template: 'shell-corrected.sh.tmpl', fileName: 'worker.sh' },
    signatureVariable: 'SIGNATURE',
    // The sign worker runs the statements before the request; the request is the wire check's.
    requestLine: /\bcurl\b/,
    fixes: [
      'echo-interprets-backslashes',
      'echo-interprets-extended-escapes',
      'echo-n-printed-literally',
      'echo-took-body-as-option',
      'empty-signature',
      'curl-data-at-file',
      'broken',
    ],
    reason:
      'the body is written by a here-document through awk instead of echo -n (fixes ' +
      'echo-interprets-backslashes, echo-interprets-extended-escapes, echo-n-printed-literally, ' +
      'echo-took-body-as-option); an empty SIGNATURE stops the script (empty-signature); curl ' +
      'reads those same bytes with --data-binary @- instead of -d "$BODY" (fixes ' +
      'curl-data-at-file: a body starting with @ was read as a file name; and broken: a body of ' +
      '128 KiB or more did not fit in an argument)',
    rationale:
      '`echo` has no portable behaviour: dash, zsh and mksh rewrite backslash escapes (JSON ' +
      '`\\n`, `\\\\`, `\\u00e9`), POSIX-mode bash (macOS /bin/sh) prints `-n`, and a body ' +
      'like `-n` or `-e` is taken for an option. A here-document is expanded by the shell ' +
      'itself in every POSIX shell: the value of `$BODY` is inserted as it is, nothing in it is ' +
      'an option or an escape, and no program gets it as an argument, so its size is not ' +
      'limited by the kernel (`printf \'%s\' "$BODY"` would be, where printf is not built in: ' +
      'mksh fails on bodies of 128 KiB and more, and openssl then signs an empty body). The ' +
      'here-document ends with one newline of its own, which awk drops. Without `pipefail` ' +
      '(dash has none) a failing openssl leaves SIGNATURE empty, so the script checks it and ' +
      'stops. curl reads the same bytes from stdin with `--data-binary @-`, which sends them as ' +
      'they are: `-d "$BODY"` reads a file when the body starts with `@` (and strips CR and LF ' +
      'from a file it reads), and a body of 128 KiB or more does not fit in its argument.',
    // The correction keeps the original's literal inputs, so it has the original's slots.
    slots: snippetInfo('shell').slots,
  },
  {
    id: 'java-corrected',
    correctionOf: 'java',
    heading: 'Java',
    language: 'java',
    label: 'Java (javax.crypto + UTF-8 + java.util.HexFormat), corrected',
    file: 'java/snippet.java',
    worker: { template: 'java.java.tmpl', fileName: 'PnmWorker.java' },
    importLine: /^import\s/,
    signatureVariable: 'signature',
    fixes: ['default-charset-ascii', 'broken'],
    reason:
      'getBytes(StandardCharsets.UTF_8) instead of the platform charset (fixes ' +
      'default-charset-ascii); java.util.HexFormat (JDK 17+) instead of ' +
      'javax.xml.bind.DatatypeConverter, removed from the JDK in 11 (fixes broken: does not compile)',
    rationale:
      '`getBytes()` without a charset encodes with the platform default, which is US-ASCII ' +
      'under LANG=C on JDK ≤ 17 (every non-ASCII character becomes `?`); naming UTF-8 makes ' +
      'the bytes those of the JSON text everywhere. `javax.xml.bind` left the JDK in Java 11, ' +
      'so the snippet compiles only with the jaxb-api jar on the classpath; ' +
      '`java.util.HexFormat.of().formatHex` is in the JDK since 17 and is already lowercase.',
    slots: snippetInfo('java').slots,
  },
];

/** The catalog entry for `id`. */
export function correctionInfo(id: CorrectionId): CorrectionInfo {
  const info = CORRECTIONS.find((correction) => correction.id === id);
  if (!info) throw new Error(`no correction ${id}`);
  return info;
}

/** The correction of a documented snippet, if there is one. */
export function correctionOf(id: string): CorrectionInfo | undefined {
  return CORRECTIONS.find((correction) => correction.correctionOf === id);
}

/** The corrected snippet's text, exactly as stored. */
export function readCorrection(info: CorrectionInfo): string {
  return readFileSync(`${CORRECTIONS_DIR}${info.file}`, 'utf8');
}

/** The heading the original sits under on the page (the section a patch replaces). */
export function originalHeading(info: CorrectionInfo): string {
  return snippetInfo(info.correctionOf).heading;
}

/**
 * Each documented snippet's correction reason, by the snippet's implementation id: what a
 * finding of that snippet shows as its fix when its corrected column did not run.
 *
 * @throws Never.
 * @example
 * ```ts
 * correctionReasons().get('shell'); // 'sends exactly the bytes it signed …'
 * ```
 */
export function correctionReasons(): Map<string, string> {
  return new Map(CORRECTIONS.map((correction) => [correction.correctionOf, correction.reason]));
}
