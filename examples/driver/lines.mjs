/**
 * Reading a child process's stdout one JSON line at a time, with a deadline, for the
 * protocol v2 driver (drive-v2.mjs).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Starts `command` with `args` and returns the child with `next(ms)`, which resolves to
 * the next stdout line as `{ raw, value }` (`value` parsed as JSON, or `{ notJson: line }`),
 * or `undefined` after `ms`. `raw` is kept because JSON.parse rounds integers above 2^53:
 * the driver checks digits on the raw text.
 * stderr is kept (last 4 KiB) so a failing adapter can be shown with its own words.
 */
export function startLineProcess(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  const queued = [];
  const waiting = [];
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      value = { notJson: line };
    }
    const waiter = waiting.shift();
    if (waiter) waiter({ raw: line, value });
    else queued.push({ raw: line, value });
  });
  return {
    child,
    stderr: () => stderr,
    send(message) {
      child.stdin.write(`${JSON.stringify(message)}\n`);
    },
    next(ms) {
      if (queued.length > 0) return Promise.resolve(queued.shift());
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(done), 1);
          resolve(undefined);
        }, ms);
        const done = (value) => {
          clearTimeout(timer);
          resolve(value);
        };
        waiting.push(done);
      });
    },
    /** Every line that arrived so far and was not taken by `next`. */
    drain() {
      return queued.splice(0);
    },
  };
}
