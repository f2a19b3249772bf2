/**
 * Where the CLI writes, and how, so that no input is ever written over and no output is ever left
 * half-written:
 * - every output path (--out, --json, --summary, each copy written into an --out folder) is compared with
 *   every input by real path and by file identity (device and inode), through symbolic and hard links;
 * - an existing file is replaced only with --force;
 * - copies written into a folder keep the inputs' relative paths, so two inputs of the same name in
 *   different folders never collide;
 * - each output is written to a temporary file in the same folder and renamed into place.
 */
import * as fs from "fs";
import * as path from "path";

/** Why an output cannot be written (Chinese first). */
export class OutputRefused extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
  }
}

interface Identity {
  real: string;
  dev: number;
  ino: number;
}

function identityOf(p: string): Identity | null {
  try {
    const st = fs.statSync(p); // follows symbolic links
    return { real: fs.realpathSync(p), dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/** The real path a new file at `p` would have: its folder's real path and its name (a link followed). */
function realTarget(p: string): string {
  const abs = path.resolve(p);
  try {
    if (fs.lstatSync(abs).isSymbolicLink()) return path.resolve(path.dirname(abs), fs.readlinkSync(abs));
  } catch {
    // does not exist
  }
  try {
    return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
  } catch {
    return abs;
  }
}

export class OutputGuard {
  private readonly inputs: Array<{ file: string; id: Identity | null; real: string }>;
  private readonly planned = new Map<string, string>();

  /** Inputs: every input file of the run; whether existing outputs may be replaced (--force). */
  constructor(
    inputs: string[],
    private readonly force = false,
  ) {
    this.inputs = inputs.map((file) => ({ file, id: identityOf(file), real: realTarget(file) }));
  }

  /**
   * A name for a copy in an --out folder that no other output of this run takes: `target` itself, or
   * `NAME (2).checked.xlsx`, `NAME (3)…`. Output: the path (not yet checked; pass it to `check`).
   */
  freeName(target: string): string {
    const m = /^(.*?)((?:\.checked)?\.[^.\\/]+)$/.exec(target);
    const [stem, ext] = m ? [m[1], m[2]] : [target, ""];
    let candidate = target;
    for (let k = 2; this.planned.has(realTarget(candidate)); k++) candidate = `${stem} (${k})${ext}`;
    return candidate;
  }

  /**
   * Checks that `target` may be written by `what` (--out, --json …).
   * Throws: OutputRefused when it is an input (same real path, or same device and inode through a hard
   * or symbolic link), a folder, a device, pipe or socket (even with --force), already planned by another
   * output of this run, or an existing file without --force.
   */
  check(target: string, what: string): void {
    const real = realTarget(target);
    const id = identityOf(target);
    for (const i of this.inputs) {
      const same =
        real === i.real ||
        (id && i.id && id.dev === i.id.dev && id.ino === i.id.ino) ||
        (id && i.id && id.real === i.id.real);
      if (same)
        throw new OutputRefused(
          `${what} ${target} 就是输入文件 ${i.file}（或指向它的链接），不能覆盖输入。请换一个输出路径。`,
          `${what} ${target} is the input ${i.file} (or a link to it); an input is never written over. Choose another output path.`,
        );
    }
    const other = this.planned.get(real);
    if (other)
      throw new OutputRefused(
        `${what} ${target} 与本次运行的另一个输出（${other}）是同一个文件。`,
        `${what} ${target} is the same file as another output of this run (${other}).`,
      );
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(target);
    } catch {
      st = null;
    }
    if (st?.isDirectory())
      throw new OutputRefused(
        `${what} ${target} 是文件夹，不能作为输出文件。`,
        `${what} ${target} is a folder, not a file.`,
      );
    if (st && !st.isFile())
      throw new OutputRefused(
        `${what} ${target} 不是普通文件（设备、管道或套接字），不能作为输出文件。`,
        `${what} ${target} is not a regular file (a device, pipe or socket); it cannot be an output.`,
      );
    if (st && !this.force)
      throw new OutputRefused(
        `${what} ${target} 已存在，未覆盖（其中可能有已填写的审计说明）。如确需覆盖，请加 --force。`,
        `${what} ${target} exists and was not replaced (it may hold notes already typed). Add --force to replace it.`,
      );
    this.planned.set(real, `${what} ${target}`);
  }
}

/**
 * Writes `data` to `target` through a temporary file in the same folder, renamed into place: a failure
 * (disk full, no permission) leaves no half-written file and the old one, if any, untouched.
 * Throws: OutputRefused with the reason in Chinese.
 */
export function writeAtomic(target: string, data: Uint8Array | string): void {
  const dir = path.dirname(path.resolve(target));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputRefused(
      `无法创建输出文件夹 ${dir}（${codeOf(e)}）。`,
      `cannot create the output folder ${dir} (${codeOf(e)}).`,
    );
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to clean
    }
    throw new OutputRefused(
      `无法写入 ${target}（${describe(e)}），未留下不完整的文件。`,
      `cannot write ${target} (${codeOf(e)}); no partial file was left.`,
    );
  }
}

function codeOf(e: unknown): string {
  return (e as { code?: string }).code ?? (e as Error).message;
}

/**
 * Why a file operation failed, in Chinese with the system's code: "没有权限，EACCES".
 * Input: the error thrown by fs. Output: one short phrase.
 */
export function describe(e: unknown): string {
  const code = codeOf(e);
  const zh: Record<string, string> = {
    ENOSPC: "磁盘已满",
    EACCES: "没有权限",
    EPERM: "没有权限",
    EMFILE: "打开的文件过多",
    ENOTDIR: "路径中有一段不是文件夹",
    ELOOP: "链接循环",
    EROFS: "只读文件系统",
    EISDIR: "目标是文件夹",
    ENOENT: "路径不存在",
    EXDEV: "跨设备",
  };
  return zh[code] ? `${zh[code]}，${code}` : code;
}

/**
 * The path of the annotated copy of `input`.
 * Inputs: the input file, the --out argument, whether it names a folder (several inputs, a trailing
 * separator, or an existing folder), and the folder arguments the input was found under.
 * Output: --out itself for one file; in a folder, NAME.checked.xlsx at the input's path relative to the
 * folder argument it was found under (so a/x.xlsx and b/x.xlsx never collide).
 */
export function copyPathFor(input: string, out: string, intoFolder: boolean, roots: string[]): string {
  if (!intoFolder) return out;
  const abs = path.resolve(input);
  const root = roots
    .map((r) => path.resolve(r))
    .filter((r) => abs.startsWith(r + path.sep))
    .sort((a, b) => b.length - a.length)[0];
  const rel = root ? path.relative(root, abs) : path.basename(abs);
  const name = rel.replace(/\.(xlsx|xlsm|xls|et|ods)$/i, "") + ".checked.xlsx";
  return path.join(out, name);
}
