// Module hooks that run the TypeScript sources as Jest does (@swc/core, the same transform), for what Jest
// cannot host: a worker thread (gongzhi verify's pool) or a script started with
// `node --import ./test/support/typescript-register.mjs script.ts`. A relative `.js` import finds its `.ts`, and
// so does a lib by its tsconfig.json path alias (`@gongzhi/domain/voting/resolution.js`: the file's .ts in libs/).
import { transformSync } from '@swc/core';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const LIBS = new URL('../../libs/', import.meta.url);
const LIB_ALIAS = /^@gongzhi\/(domain|event-store|ledger-log|receipts)\/(.+)\.js$/;

export async function resolve(specifier, context, next) {
  const lib = LIB_ALIAS.exec(specifier);
  if (lib) return { url: new URL(`${lib[1]}/${lib[2]}.ts`, LIBS).href, format: 'module', shortCircuit: true };
  if (specifier.endsWith('.js') && /^(\.|\/|file:)/.test(specifier)) {
    const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (!existsSync(new URL(specifier, context.parentURL)) && existsSync(ts))
      return { url: ts.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const { code } = transformSync(source, {
    filename: fileURLToPath(url),
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
