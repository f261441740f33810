/**
 * The tool's name and version, as reports record them.
 *
 * @module
 */
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

export const TOOL_NAME = manifest.name;
export const TOOL_VERSION = manifest.version;
