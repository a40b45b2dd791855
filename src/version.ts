import manifest from '../package.json';

/** The extension's and the CLI's version, from the manifest so the two never disagree. */
export const VERSION: string = manifest.version;
