/**
 * Every JDK on the machine (scanned under /usr/lib/jvm) and the jaxb-api jar that the Java
 * snippet's `javax.xml.bind.DatatypeConverter` needs since Java 11 dropped it.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isExecutable, realPath } from './toolchains.js';

export const JVM_ROOT = '/usr/lib/jvm';
export const JAXB_API_JAR = '/usr/share/java/jaxb-api.jar';
export const JAXB_INSTALL = 'apt-get install libjaxb-api-java';
export const JDK_INSTALL = 'apt-get install openjdk-17-jdk-headless';

/** The JDK major release that is always listed, installed or not. */
export const BASELINE_JDK_MAJOR = 17;

export interface Jdk {
  /** `jdk17`, `jdk25`, … (`jdk25-<dir>` when two JDKs share a major). */
  id: string;
  home: string;
  /** Full version, e.g. `17.0.15`. */
  version: string;
  major: number;
  /** Vendor and version, e.g. `Eclipse Adoptium 25.0.3`. */
  label: string;
}

function releaseField(release: string, field: string): string | undefined {
  return new RegExp(`^${field}="([^"]*)"`, 'm').exec(release)?.[1];
}

/** The JDKs under `root`, one per real directory, ordered by major version. */
export function scanJdks(root: string = JVM_ROOT): Jdk[] {
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch {
    return [];
  }
  const seen = new Set<string>();
  const found: Array<Omit<Jdk, 'id'> & { dir: string }> = [];
  for (const name of names) {
    const home = realPath(join(root, name));
    if (seen.has(home)) continue;
    seen.add(home);
    if (!isExecutable(join(home, 'bin/javac')) || !isExecutable(join(home, 'bin/java'))) continue;
    let release = '';
    try {
      release = readFileSync(join(home, 'release'), 'utf8');
    } catch {}
    const version = releaseField(release, 'JAVA_VERSION') ?? 'unknown';
    const major = Number.parseInt(version.startsWith('1.') ? version.slice(2) : version, 10);
    const vendor = releaseField(release, 'IMPLEMENTOR') ?? 'JDK';
    found.push({ home, version, major, label: `${vendor} ${version}`, dir: name });
  }
  found.sort((a, b) => a.major - b.major || a.dir.localeCompare(b.dir));
  return found.map(({ dir, ...jdk }) => {
    const twin = found.filter((other) => other.major === jdk.major).length > 1;
    return { ...jdk, id: twin ? `jdk${jdk.major}-${dir}` : `jdk${jdk.major}` };
  });
}

export function jaxbApiJar(): string | undefined {
  return existsSync(JAXB_API_JAR) ? JAXB_API_JAR : undefined;
}

/** jaxb-api's version, from the versioned name Debian links beside the jar. */
export function jaxbApiVersion(jar: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(dirname(jar));
  } catch {}
  const versioned = names.find((name) => /^jaxb-api-[\d.]+\.jar$/.test(name));
  return versioned?.slice('jaxb-api-'.length, -'.jar'.length) ?? 'unknown version';
}
