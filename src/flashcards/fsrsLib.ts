/**
 * ts-fsrs, loaded through one door. Its package ships ESM type declarations only, which our
 * CommonJS (`module: Node16`) TypeScript refuses to `import`; its CommonJS build is fine at run
 * time (esbuild bundles it, plain Node requires it in tests). So: types from the ESM declarations,
 * values from `require`.
 */
import type * as TsFsrs from 'ts-fsrs' with { 'resolution-mode': 'import' };

export type { Card, FSRS, Grade, ReviewLog } from 'ts-fsrs' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports -- see the comment above
const lib = require('ts-fsrs') as typeof TsFsrs;

export const { fsrs, generatorParameters, createEmptyCard, TypeConvert } = lib;
