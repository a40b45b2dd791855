/** A Python 3 version the analysed code targets, e.g. 3.11. */
export interface PythonVersion {
  readonly major: number;
  readonly minor: number;
}

/** The default target when nothing says otherwise (README, "Configuration: pyproject.toml"): Python 3.11. */
export const DEFAULT_TARGET_VERSION: PythonVersion = { major: 3, minor: 11 };

/** `py311` -> 3.11; undefined for anything else. */
export function parseTargetVersion(text: string): PythonVersion | undefined {
  const match = /^py3(\d{1,2})$/.exec(text.trim());
  return match?.[1] ? { major: 3, minor: Number(match[1]) } : undefined;
}

/** 3.11 -> `py311`. */
export function formatTargetVersion(v: PythonVersion): string {
  return `py${v.major}${v.minor}`;
}

/** True when `v` is `major.minor` or later. */
export function isAtLeast(v: PythonVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}
