/**
 * Checks a file's parsed JSON against one of the shipped schemas, refusing it with the
 * file and the JSON Pointer at fault, as the vectors package refuses a vector file.
 *
 * @module
 */
import { ConformanceError, type ConformanceErrorCode } from '../errors.js';
import { firstIssue } from './issue.js';
import { type SchemaName, validatorFor } from './load.js';

/**
 * Returns `json` typed as `T` when it is valid under the shipped schema `name`.
 *
 * @param path The file `json` was read from, named in the message.
 * @throws {ConformanceError} `code`, with the message `path: /json/pointer: expected …, got …`
 * and `file`, `jsonPath` set; a plain Error when the shipped schema itself cannot be read.
 * @example
 * ```ts
 * const file = checkFile<ExpectationsFile>('expectations', json, 'expectations.json', 'ERR_CONFORMANCE_EXPECTATIONS');
 * ```
 */
export function checkFile<T>(
  name: SchemaName,
  json: unknown,
  path: string,
  code: ConformanceErrorCode,
): T {
  const validate = validatorFor(name);
  if (validate(json)) return json as T;
  const issue = firstIssue(validate.errors ?? [], json);
  const where = issue.jsonPath || '/';
  throw new ConformanceError(
    code,
    `${path}: ${where}: expected ${issue.expected}, got ${issue.got}`,
    {
      file: path,
      jsonPath: issue.jsonPath,
    },
  );
}
