// CPU seconds (user + system) of this process's waited-for children and their descendants,
// from /proc/self/stat (Linux): a figure that other load on a shared machine does not
// inflate the way it inflates wall time. undefined elsewhere.
import { readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ: 100 on every Linux this runs on

export function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cutime = Number(fields[13]);
    const cstime = Number(fields[14]);
    return (cutime + cstime) / TICKS;
  } catch {
    return undefined;
  }
}
