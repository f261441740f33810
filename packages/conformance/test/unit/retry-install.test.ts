/**
 * The suite's installs from registries (the real SDKs, the packed packages' dependencies)
 * retry a transient failure a few times and name the registry when they give up.
 */
import { describe, expect, test } from 'vitest';
import { retryInstall } from '../../../../scripts/retry-install.mjs';

describe('retryInstall', () => {
  test('a failure that passes is retried, and what the install returned comes back', () => {
    let calls = 0;
    const result = retryInstall({ what: 'x@1', registry: 'npm', backoffMs: 1 }, () => {
      calls += 1;
      if (calls < 3)
        throw Object.assign(new Error('exit 1'), { stderr: 'SELF_SIGNED_CERT_IN_CHAIN' });
      return 'installed';
    });
    expect({ result, calls }).toEqual({ result: 'installed', calls: 3 });
  });

  test('after the last attempt it throws with the registry and every attempt’s failure', () => {
    let calls = 0;
    const install = () => {
      calls += 1;
      throw Object.assign(new Error('exit 1'), { stderr: `npm ERR! code E50${calls}` });
    };
    expect(() =>
      retryInstall(
        { what: 'plugnmeet-sdk 1.0.2', registry: 'PyPI', attempts: 2, backoffMs: 1 },
        install,
      ),
    ).toThrow(
      /could not install plugnmeet-sdk 1\.0\.2 from the PyPI registry after 2 attempts:\nattempt 1: npm ERR! code E501\nattempt 2: npm ERR! code E502/,
    );
    expect(calls).toBe(2);
  });
});
