/**
 * The eight snippets of the docs page and the only edits the harness makes to them: each
 * slot swaps one literal input (body, secret, API key, URL) for a reference to the case's
 * bytes. Everything else runs exactly as published.
 *
 * @module
 */

/** What a slot's literal stands for. */
export type SlotRole = 'body' | 'secret' | 'apiKey' | 'url';

/** One literal input of a snippet and what the runnable program puts in its place. */
export interface Slot {
  role: SlotRole;
  /** An exact substring of the snippet, occurring exactly once. */
  literal: string;
  /** Code in the snippet's language that evaluates to the case's value. */
  replacement: string;
  /** Why the edit is more than swapping a literal for a variable, when it is. */
  reason?: string;
}

export type SnippetId =
  | 'shell'
  | 'php'
  | 'nodejs-cryptojs'
  | 'typescript-node-crypto'
  | 'go'
  | 'python'
  | 'java'
  | 'ruby';

/** A snippet's catalog entry; corrections (`src/corrections/catalog.ts`) reuse it with their own ids. */
export interface SnippetInfo<Id extends string = SnippetId> {
  id: Id;
  /** The heading the snippet sits under on the page. */
  heading: string;
  /** Language, for grouping columns. */
  language: string;
  label: string;
  /** The snippet's file, relative to `snippets/`. */
  file: string;
  /**
   * Its protocol worker: the template in `workers/` the statements are spliced into, and the
   * program's file name (what the toolchain is given: `main.go`, `PnmWorker.java`).
   */
  worker: { template: string; fileName: string };
  slots: readonly Slot[];
  /** Lines the program hoists to its top (`import`, `require`) when they lead the snippet. */
  importLine?: RegExp;
  /** The variable that holds the signature once the statements have run. */
  signatureVariable: string;
  /**
   * The line that starts sending the request, when the snippet sends it: the sign worker runs
   * only the statements before it. Unset for the documented shell snippet, whose sign part
   * ends at its `SIGNATURE=` line (see `signStatements`).
   */
  requestLine?: RegExp;
}

const JSON_LITERAL_REASON =
  'the literal request object is the input: the case supplies the finished body text, so the ' +
  'whole serializing expression is replaced by that text';

export const SNIPPETS: readonly SnippetInfo[] = [
  {
    id: 'shell',
    heading: 'Shell with cURL',
    language: 'shell',
    label: 'Shell (echo + openssl + curl)',
    file: 'shell/snippet.sh',
    worker: { template: 'shell.sh.tmpl', fileName: 'worker.sh' },
    signatureVariable: 'SIGNATURE',
    slots: [
      { role: 'body', literal: `'{"room_id":"room01"}'`, replacement: '"$PNM_BODY"' },
      { role: 'apiKey', literal: '"plugnmeet"', replacement: '"$PNM_API_KEY"' },
      {
        role: 'secret',
        literal: '"zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6"',
        replacement: '"$PNM_SECRET"',
      },
      { role: 'url', literal: 'https://demo.plugnmeet.com', replacement: '"$PNM_BASE_URL"' },
    ],
  },
  {
    id: 'php',
    heading: 'PHP',
    language: 'php',
    label: 'PHP (hash_hmac)',
    file: 'php/snippet.php',
    worker: { template: 'php.php.tmpl', fileName: 'worker.php' },
    signatureVariable: '$signature',
    slots: [
      {
        role: 'body',
        literal: 'json_encode([\n"room_id" => "room01",\n])',
        replacement: '$pnmBody',
        reason: JSON_LITERAL_REASON,
      },
      { role: 'secret', literal: '"SECRET"', replacement: '$pnmSecret' },
    ],
  },
  {
    id: 'nodejs-cryptojs',
    heading: 'NodeJS',
    language: 'javascript',
    label: 'NodeJS (CryptoJS)',
    file: 'nodejs-cryptojs/snippet.js',
    worker: { template: 'nodejs-cryptojs.cjs.tmpl', fileName: 'worker.cjs' },
    importLine: /^(import\b|const\s+\w+\s*=\s*require\()/,
    signatureVariable: 'signature',
    slots: [
      {
        role: 'body',
        literal: 'JSON.stringify({ room_id: "room01" })',
        replacement: 'pnmBody',
        reason: JSON_LITERAL_REASON,
      },
      { role: 'secret', literal: '"SECRET"', replacement: 'pnmSecret' },
    ],
  },
  {
    id: 'typescript-node-crypto',
    heading: 'TypeScript (Node.js built-in crypto)',
    language: 'typescript',
    label: 'TypeScript (node:crypto createHmac)',
    file: 'typescript-node-crypto/snippet.ts',
    worker: { template: 'typescript-node-crypto.ts.tmpl', fileName: 'worker.ts' },
    importLine: /^import\b/,
    signatureVariable: 'signature',
    slots: [
      {
        role: 'body',
        literal: 'JSON.stringify({ room_id: "room01" })',
        replacement: 'pnmBody',
        reason: JSON_LITERAL_REASON,
      },
      { role: 'secret', literal: '"SECRET"', replacement: 'pnmSecret' },
    ],
  },
  {
    id: 'go',
    heading: 'Go',
    language: 'go',
    label: 'Go (crypto/hmac)',
    file: 'go/snippet.go',
    worker: { template: 'go.go.tmpl', fileName: 'main.go' },
    signatureVariable: 'signature',
    slots: [
      {
        role: 'body',
        literal: 'const body = `{"room_id":"room01"}`',
        replacement: 'body := pnmBody',
        reason:
          'a Go constant must be known at compile time and the case arrives at run time, so the ' +
          'const declaration becomes a variable of the same name and the same type (string)',
      },
      { role: 'secret', literal: '"SECRET"', replacement: 'pnmSecret' },
    ],
  },
  {
    id: 'python',
    heading: 'Python',
    language: 'python',
    label: 'Python (hmac + hashlib)',
    file: 'python/snippet.py',
    worker: { template: 'python.py.tmpl', fileName: 'worker.py' },
    importLine: /^(import|from)\s/,
    signatureVariable: 'signature',
    slots: [
      { role: 'body', literal: `'{"room_id":"room01"}'`, replacement: 'pnm_body' },
      { role: 'secret', literal: "b'SECRET'", replacement: 'pnm_secret' },
    ],
  },
  {
    id: 'java',
    heading: 'Java',
    language: 'java',
    label: 'Java (javax.crypto + javax.xml.bind)',
    file: 'java/snippet.java',
    worker: { template: 'java.java.tmpl', fileName: 'PnmWorker.java' },
    importLine: /^import\s/,
    signatureVariable: 'signature',
    slots: [
      { role: 'body', literal: '"{\\"room_id\\":\\"room01\\"}"', replacement: 'pnmBody' },
      { role: 'secret', literal: '"SECRET"', replacement: 'pnmSecret' },
    ],
  },
  {
    id: 'ruby',
    heading: 'Ruby',
    language: 'ruby',
    label: 'Ruby (OpenSSL::HMAC)',
    file: 'ruby/snippet.rb',
    worker: { template: 'ruby.rb.tmpl', fileName: 'worker.rb' },
    importLine: /^require\s/,
    signatureVariable: 'signature',
    slots: [
      { role: 'body', literal: `'{"room_id":"room01"}'`, replacement: 'pnm_body' },
      { role: 'secret', literal: "'SECRET'", replacement: 'pnm_secret' },
    ],
  },
];

/** The catalog entry for `id`. */
export function snippetInfo(id: SnippetId): SnippetInfo {
  const info = SNIPPETS.find((snippet) => snippet.id === id);
  if (!info) throw new Error(`no snippet ${id}`);
  return info;
}
