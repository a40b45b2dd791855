import manifest from '../package.json';

/** The extension's and the CLI's version, from the manifest so the two never disagree. */
export const VERSION: string = manifest.version;

/** The project's home on the web (docs pages are under `media/docs/` there). */
export const REPOSITORY_URL: string = manifest.homepage.replace(/#.*$/, '');
