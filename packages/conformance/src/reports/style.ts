/**
 * Terminal colour, only when the output is a terminal and NO_COLOR is not set.
 *
 * @module
 */

export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Paint = {
  green: (t) => t,
  red: (t) => t,
  yellow: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
};

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

/** Colours for `stream`, or none. */
export function paintFor(stream: { isTTY?: boolean }): Paint {
  if (!stream.isTTY || process.env.NO_COLOR !== undefined) return plain;
  return { green: ansi(32), red: ansi(31), yellow: ansi(33), dim: ansi(2), bold: ansi(1) };
}
