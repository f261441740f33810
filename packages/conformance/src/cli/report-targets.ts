/**
 * Report paths, checked before a run and written after it. A run can take minutes; a
 * report path that cannot be written must be refused before, not found out after with a
 * stack trace and the reports listed after it lost.
 *
 * @module
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConformanceError } from '../errors.js';

/** One requested report. */
export interface ReportTarget {
  format: string;
  path: string;
}

function usage(message: string): never {
  throw new ConformanceError('ERR_CONFORMANCE_USAGE', message);
}

function writableDirectory(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Refuses report paths that are given twice (one report would overwrite the other), that
 * are directories or not writable, or whose directory cannot be made: a missing directory
 * is created only when its parent exists, so a mistyped absolute path is refused instead
 * of built.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` naming the report and what is wrong.
 * @example
 * ```ts
 * checkReportTargets([{ format: 'json', path: 'out/report.json' }]);
 * ```
 */
export function checkReportTargets(targets: readonly ReportTarget[]): void {
  const seen = new Map<string, string>();
  for (const { format, path } of targets) {
    const at = `--report ${format}=${path}`;
    const full = resolve(path);
    const other = seen.get(full);
    if (other !== undefined) usage(`${at}: the same file as --report ${other}`);
    seen.set(full, `${format}=${path}`);
    if (existsSync(full)) {
      if (statSync(full).isDirectory()) usage(`${at}: is a directory`);
      try {
        accessSync(full, constants.W_OK);
      } catch {
        usage(`${at}: is not writable`);
      }
      continue;
    }
    const dir = dirname(full);
    if (existsSync(dir)) {
      if (!writableDirectory(dir)) usage(`${at}: ${dir} is not a writable directory`);
    } else if (!writableDirectory(dirname(dir))) {
      usage(`${at}: ${dir} does not exist, and neither does a writable ${dirname(dir)}`);
    }
  }
}
