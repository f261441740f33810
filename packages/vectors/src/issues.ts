/**
 * Builds {@link VectorError}s whose messages name the file and the JSON path at fault.
 *
 * @module
 */
import { VectorError, type VectorErrorCode, type VectorIssue } from './errors.js';
import { displayPath } from './paths.js';

/** The most issues a message lists one per line; `issues` keeps them all. */
const LISTED_ISSUES = 20;

/** `file: /json/path: message`, one line per issue (the first 20, then how many more). */
export function vectorError(
  code: VectorErrorCode,
  file: string,
  issues: readonly VectorIssue[],
  cause?: unknown,
): VectorError {
  const where = displayPath(file);
  const more = issues.length - LISTED_ISSUES;
  const message = [
    ...issues
      .slice(0, LISTED_ISSUES)
      .map((issue) => `${where ? `${where}: ` : ''}${issue.jsonPath || '/'}: ${issue.message}`),
    ...(more > 0 ? [`${where ? `${where}: ` : ''}… and ${more} more issues`] : []),
  ].join('\n');
  return new VectorError(code, message, { file, issues, cause });
}

/** One issue at one place. */
export function schemaError(file: string, jsonPath: string, message: string): VectorError {
  return vectorError('ERR_VECTOR_SCHEMA', file, [{ jsonPath, message }]);
}
