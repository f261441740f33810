/**
 * The NodeJS snippet (`CryptoJS.HmacSHA256`) on Node.js with the crypto-js package this
 * package depends on — the version a user who follows the page installs.
 *
 * @module
 */
import { dirname, join } from 'node:path';
import { languageNeeds } from '../../environments/declared-toolchains.js';
import { explicitEnv, UTF8_LOCALE } from '../../environments/process-env.js';
import { cryptoJs, node } from '../../environments/runtimes.js';
import type { Column } from '../../model.js';
import { missing } from '../column-kit.js';
import { materialize } from '../program-cache.js';
import { localeEnvironment, type SnippetProgram, snippetColumn } from '../snippet-program.js';
import type { LanguageModule } from './language.js';

function cryptoJsColumn(program: SnippetProgram): Column {
  const locale = UTF8_LOCALE;
  const environment = localeEnvironment(
    'node',
    'Node.js with crypto-js (the package dependency)',
    locale,
  );
  return snippetColumn(program, environment, async () => {
    const found = await node();
    if (!found.available) return missing(found);
    const library = await cryptoJs();
    if (!library.available) return missing(library);
    const rendered = program.render({
      CRYPTOJS_PATH: JSON.stringify(library.dir),
      CRYPTOJS_PACKAGE_JSON: JSON.stringify(join(library.dir, 'package.json')),
    });
    const { dir } = await materialize(program.implementation.id, [], {
      [rendered.fileName]: rendered.source,
    });
    return {
      available: true,
      runtimeVersion: `node ${found.version}, crypto-js ${library.version}`,
      label: `Node.js ${found.version} with crypto-js ${library.version}, ${locale.label}`,
      ready: {
        spec: {
          command: found.path,
          args: [join(dir, rendered.fileName)],
          cwd: dir,
          env: explicitEnv([dirname(found.path)], locale),
        },
      },
    };
  });
}

/**
 * The nodejs-cryptojs language module: the NodeJS (CryptoJS) snippet on Node.js.
 *
 * @example
 * ```ts
 * NODEJS_CRYPTOJS.columns(documentedProgram('nodejs-cryptojs'), {}); // nodejs-cryptojs/node
 * ```
 */
export const NODEJS_CRYPTOJS: LanguageModule = {
  snippet: 'nodejs-cryptojs',
  get toolchains() {
    return languageNeeds('nodejs-cryptojs');
  },
  columns: (program) => [cryptoJsColumn(program)],
};
