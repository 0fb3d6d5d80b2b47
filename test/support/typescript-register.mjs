// `node --import ./test/support/typescript-register.mjs file.ts`: see typescript-hooks.mjs.
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
