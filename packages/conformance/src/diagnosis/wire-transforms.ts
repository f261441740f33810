/**
 * What a sender does to a body between signing it and sending it: the hypotheses that
 * explain why the bytes a wire column's server received differ from the input. Every body
 * transform is one (what an environment does before hashing it may do before sending it),
 * plus what only a sender does.
 *
 * @module
 */
import { BODY_TRANSFORMS, type Transform } from './transforms.js';

/** Transforms that happen on the way out only. */
export const SENDING_TRANSFORMS: readonly Transform[] = [
  {
    id: 'curl-data-at-file',
    explanation:
      '`curl -d` took a body starting with `@` for the name of a file to send instead (`@-` is stdin); there was no such file, so curl sent an empty body (with a file, it sends the file with CR/LF stripped)',
    apply: (bytes) => (bytes[0] === 0x40 ? new Uint8Array() : undefined),
  },
];

/** Every transform that may explain bytes sent ≠ bytes signed, in the order they are tried. */
export const SENT_BODY_TRANSFORMS: readonly Transform[] = [
  ...BODY_TRANSFORMS,
  ...SENDING_TRANSFORMS,
];
