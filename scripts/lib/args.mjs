// @ts-check
// Command-line flags that take a value, for the scripts that read their arguments by hand.

/**
 * The value of a flag: `argv[index]`, the argument after it. A flag given last, with nothing after
 * it, stops the script with a message that names the flag rather than a TypeError further on.
 * @param {readonly string[]} argv
 * @param {number} index  where the value belongs (the flag is at index - 1)
 * @returns {string}
 */
export function flagValue(argv, index) {
  const value = argv[index];
  if (value === undefined) throw new Error(`${argv[index - 1] ?? 'the last flag'} needs a value`);
  return value;
}
