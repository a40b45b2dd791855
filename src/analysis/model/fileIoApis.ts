import type { PyNode } from '../syntax/pyNode';
import type { ValueKinds } from './blockingReceivers';

/**
 * File I/O that runs where it is called (ACO304): opening files, whole-file reads and writes of
 * `pathlib.Path`, and `shutil`'s copies. Keys are fully qualified names, as the resolver spells them.
 */

/** What a call does to the disk, for the message, and whether `asyncio.to_thread` can take it whole. */
export interface FileIoApi {
  /** "... in `load` <does> on the event loop's thread". */
  readonly does: string;
  /**
   * True when offloading the call itself offloads the work (`shutil.copy`, `path.read_text()`).
   * False for openers: the reads and writes on the file object they return would stay on the loop.
   */
  readonly offloadable: boolean;
}

const OPENS: FileIoApi = { does: 'opens a file', offloadable: false };
const COPIES: FileIoApi = { does: 'copies files', offloadable: true };

/** Functions that open (or create) a file. */
export const FILE_IO_FUNCTIONS: ReadonlyMap<string, FileIoApi> = new Map([
  ...['builtins.open', 'io.open', 'io.open_code', 'codecs.open', 'gzip.open', 'bz2.open', 'lzma.open', 'os.open'].map((q): [string, FileIoApi] => [q, OPENS]),
  ...['tempfile.TemporaryFile', 'tempfile.NamedTemporaryFile', 'tempfile.mkstemp'].map((q): [string, FileIoApi] => [q, { does: 'creates a file', offloadable: false }]),
  ...['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copyfileobj', 'shutil.copytree'].map((q): [string, FileIoApi] => [q, COPIES]),
  ['shutil.move', { does: 'moves files (a copy across disks)', offloadable: true }],
  ['shutil.rmtree', { does: 'deletes a directory tree', offloadable: true }],
  ['shutil.make_archive', { does: 'writes an archive', offloadable: true }],
  ['shutil.unpack_archive', { does: 'unpacks an archive', offloadable: true }],
]);

/** Methods of `pathlib.Path` that open, read or write a file. */
export const PATH_IO_METHODS: ReadonlyMap<string, FileIoApi> = new Map([
  ['open', OPENS],
  ['read_text', { does: 'reads a whole file', offloadable: true }],
  ['read_bytes', { does: 'reads a whole file', offloadable: true }],
  ['write_text', { does: 'writes a whole file', offloadable: true }],
  ['write_bytes', { does: 'writes a whole file', offloadable: true }],
]);

/** Calls that turn an open file into an async one: the `open()` handed to them is the intended use. */
export const ASYNC_FILE_WRAPPERS: ReadonlySet<string> = new Set(['trio.wrap_file', 'anyio.wrap_file']);

/** Module names the tables start with: an unbound name spelled like one still means it. */
export const FILE_IO_MODULES: ReadonlySet<string> = new Set(['io', 'codecs', 'gzip', 'bz2', 'lzma', 'os', 'tempfile', 'shutil', 'pathlib']);

/** Methods of a `Path` that return another `Path`. */
const PATH_RETURNING_METHODS: ReadonlySet<string> = new Set(['with_name', 'with_suffix', 'with_stem', 'joinpath', 'resolve', 'absolute', 'expanduser', 'relative_to']);

/**
 * Values known to be a `pathlib.Path`: built by a constructor (`Path(...)`, `Path.cwd()`), or from
 * another path (`base / "x"`, `path.parent`, `path.with_suffix(".txt")`). `trio.Path` and
 * `anyio.Path` are async and are not in the table.
 */
export const PATH_VALUES: ValueKinds<'path'> = {
  constructors: new Map(
    ['Path', 'PosixPath', 'WindowsPath', 'Path.cwd', 'Path.home'].map((name): [string, 'path'] => [`pathlib.${name}`, 'path']),
  ),
  modules: FILE_IO_MODULES,
  stateful: new Set(),
  derived: (expr, kindOf) => {
    if (expr.type === 'binary_operator') {
      const left = expr.child('left');
      return left && operatorOf(expr) === '/' ? kindOf(left) : undefined;
    }
    if (expr.type === 'attribute' && expr.child('attribute')?.text === 'parent') {
      const object = expr.child('object');
      return object ? kindOf(object) : undefined;
    }
    const fn = expr.type === 'call' ? expr.child('function') : undefined;
    const object = fn?.type === 'attribute' ? fn.child('object') : undefined;
    return object && PATH_RETURNING_METHODS.has(fn?.child('attribute')?.text ?? '') ? kindOf(object) : undefined;
  },
};

/** The operator of a binary expression: the copied syntax keeps no operator tokens, so read the text between the operands. */
function operatorOf(expr: PyNode): string | undefined {
  const left = expr.child('left');
  const right = expr.child('right');
  if (!left || !right) return undefined;
  return expr.text.slice(left.endIndex - expr.startIndex, right.startIndex - expr.startIndex).replace(/#.*$/gm, '').trim();
}
