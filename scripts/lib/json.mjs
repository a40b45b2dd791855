// @ts-check
// JSON read by the scripts (reports of the programs they run, package.json) with the type the
// caller states: `/** @type {Report} */ const r = parseJson(text)`. The one place where the `any`
// of JSON.parse meets the JSDoc types, so the lint's no-unsafe rules hold everywhere else.
import { readFileSync } from 'node:fs';

/**
 * @template T
 * @param {string} text
 * @returns {T}
 */
export function parseJson(text) {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- the caller states the shape it expects
  return JSON.parse(text);
}

/**
 * @template T
 * @param {string} file
 * @returns {T}
 */
export function readJson(file) {
  return parseJson(readFileSync(file, 'utf8'));
}
