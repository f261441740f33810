/**
 * Builds {@link VectorError}s whose messages name the file and the JSON path at fault.
 *
 * @module
 */
import { VectorError, type VectorErrorCode, type VectorIssue } from './errors.js';
import { displayPath } from './paths.js';

/** `file: /json/path: message`, one line per issue. */
export function vectorError(
  code: VectorErrorCode,
  file: string,
  issues: readonly VectorIssue[],
  cause?: unknown,
): VectorError {
  const where = displayPath(file);
  const message = issues
    .map((issue) => `${where ? `${where}: ` : ''}${issue.jsonPath || '/'}: ${issue.message}`)
    .join('\n');
  return new VectorError(code, message, { file, issues, cause });
}

/** One issue at one place. */
export function schemaError(file: string, jsonPath: string, message: string): VectorError {
  return vectorError('ERR_VECTOR_SCHEMA', file, [{ jsonPath, message }]);
}
