/**
 * What a file is, by its signature and its parts, not by its name: an .xlsx workbook, a legacy .xls or a
 * WPS .et (both Compound File Binary with a Workbook stream), an encrypted workbook (a CFB holding an
 * EncryptedPackage), an OpenDocument spreadsheet, a Word or PowerPoint file, another zip, a web page
 * saved with an .xls name (what many finance systems export), an Excel 2003 XML spreadsheet, a text file
 * (CSV), or something else. Each kind that cannot be checked gets a message that says what to do.
 */
import * as XLSX from "@e965/xlsx";
import { unzipSync } from "fflate";

export type FileKind =
  | "xlsx"
  | "xlsb"
  | "xls"
  | "ods"
  | "encrypted"
  | "csv"
  | "html"
  | "xml2003"
  | "docx"
  | "pptx"
  | "zip"
  | "empty"
  | "unknown";

/** A problem with an input file, in both languages (Chinese first). */
export interface FileProblem {
  zh: string;
  en: string;
}

/** One part of a zip package as listed by its central directory (sizes as declared). */
export interface ZipEntryInfo {
  name: string;
  size: number;
  originalSize: number;
}

export interface Identified {
  kind: FileKind;
  /** The zip's parts (xlsx, ods, docx, zip). */
  entries?: ZipEntryInfo[];
  /** Set when the file cannot be checked: what it is and what to do. */
  problem?: FileProblem;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Lists a zip's parts without inflating any; null when it is not a readable zip. */
export function listZip(data: Uint8Array): ZipEntryInfo[] | null {
  const out: ZipEntryInfo[] = [];
  try {
    unzipSync(data, {
      filter: (f) => {
        out.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    return null;
  }
  return out;
}

/** True when the bytes look like text: no NUL in the first 4 KB and mostly printable. */
function looksLikeText(data: Uint8Array): boolean {
  const n = Math.min(data.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control < n / 100 + 1;
}

const SAVE_AS = {
  zh: "请在 Excel 或 WPS 中打开它，另存为“Excel 工作簿（*.xlsx）”后再校验。",
  en: "Open it in Excel or WPS, save it as an Excel workbook (*.xlsx), then check it again.",
};

/**
 * Identifies a file from its bytes.
 * Input: the whole file. Output: its kind, the zip's parts where it is one, and a problem (both
 * languages) when it cannot be checked. Never throws.
 */
export function identify(data: Uint8Array): Identified {
  if (data.length === 0)
    return {
      kind: "empty",
      problem: { zh: "文件为空（0 字节），不是工作簿。", en: "the file is empty (0 bytes), not a workbook." },
    };
  if (starts(data, ZIP) || starts(data, ZIP_EMPTY)) {
    const entries = listZip(data);
    if (!entries)
      return {
        kind: "zip",
        problem: {
          zh: "文件是损坏的压缩包（可能下载或复制不完整），无法读取。请重新获取原文件。",
          en: "the file is a damaged zip (perhaps an incomplete download or copy). Get the original file again.",
        },
      };
    const names = new Set(entries.map((e) => e.name));
    if ([...names].some((n) => /^xl\/workbook\.(xml|bin)$/i.test(n))) {
      if (![...names].some((n) => /^xl\/worksheets\/[^/]+\.(xml|bin)$/i.test(n)))
        return {
          kind: "xlsx",
          entries,
          problem: {
            zh: "工作簿中没有任何工作表（缺少工作表部件），文件可能已损坏。",
            en: "the workbook holds no worksheet (its sheet parts are missing); the file may be damaged.",
          },
        };
      return { kind: names.has("xl/workbook.bin") ? "xlsb" : "xlsx", entries };
    }
    if (names.has("mimetype") || names.has("content.xml")) return { kind: "ods", entries };
    if ([...names].some((n) => n.startsWith("word/")))
      return {
        kind: "docx",
        entries,
        problem: {
          zh: "这是 Word 文档，不是工作簿。若表格在文档中，请复制到 Excel 工作表并另存为 .xlsx 后再校验。",
          en: "this is a Word document, not a workbook. Copy its tables into an Excel sheet, save as .xlsx, then check it.",
        },
      };
    if ([...names].some((n) => n.startsWith("ppt/")))
      return {
        kind: "pptx",
        entries,
        problem: {
          zh: "这是 PowerPoint 演示文稿，不是工作簿。",
          en: "this is a PowerPoint presentation, not a workbook.",
        },
      };
    return {
      kind: "zip",
      entries,
      problem: {
        zh: "这是压缩包，但其中没有 Excel 工作簿的部件。若工作簿在压缩包内，请先解压。",
        en: "this is a zip without the parts of an Excel workbook. If a workbook is inside, extract it first.",
      },
    };
  }
  if (starts(data, CFB)) {
    let streams: string[] = [];
    try {
      const cfb = XLSX.CFB.read(data, { type: "buffer" });
      streams = cfb.FullPaths.map((p: string) => p.replace(/\/$/, "").split("/").pop() ?? "");
    } catch {
      return {
        kind: "unknown",
        problem: {
          zh: "文件是损坏的 Office 旧格式文件，无法读取。" + SAVE_AS.zh,
          en: "the file is a damaged legacy Office file. " + SAVE_AS.en,
        },
      };
    }
    if (streams.includes("EncryptedPackage") || streams.includes("EncryptionInfo"))
      return {
        kind: "encrypted",
        problem: {
          zh: "工作簿设有打开密码（已加密），无法读取。请在 Excel 中打开，在“文件 → 信息 → 保护工作簿”中删除密码并另存，再校验。",
          en: "the workbook is password-protected (encrypted). Open it in Excel, remove the password (File → Info → Protect Workbook), save, then check it.",
        },
      };
    if (streams.includes("Workbook") || streams.includes("Book")) return { kind: "xls" };
    if (streams.includes("WordDocument"))
      return {
        kind: "docx",
        problem: {
          zh: "这是 Word 97-2003 文档（.doc），不是工作簿。",
          en: "this is a Word 97-2003 document (.doc), not a workbook.",
        },
      };
    return {
      kind: "unknown",
      problem: {
        zh: "这是 Office 旧格式文件，但不是工作簿。",
        en: "this is a legacy Office file, but not a workbook.",
      },
    };
  }
  if (looksLikeText(data)) {
    const head = new TextDecoder("utf-8").decode(data.subarray(0, 4096)).toLowerCase();
    if (head.includes("urn:schemas-microsoft-com:office:spreadsheet") && !head.includes("<html"))
      return {
        kind: "xml2003",
        problem: {
          zh: "这是 Excel 2003 XML 表格（SpreadsheetML），不是 .xlsx 工作簿。" + SAVE_AS.zh,
          en: "this is an Excel 2003 XML spreadsheet (SpreadsheetML), not an .xlsx workbook. " + SAVE_AS.en,
        },
      };
    if (/<html|<!doctype html|<table|multipart\/related/.test(head))
      return {
        kind: "html",
        problem: {
          zh: "这是网页（HTML）格式的表格，只是扩展名像工作簿（财务系统导出的“.xls”常是这样）。" + SAVE_AS.zh,
          en:
            "this is a web page (HTML) table with a workbook's file name (finance systems often export “.xls” files so). " +
            SAVE_AS.en,
        },
      };
    return {
      kind: "csv",
      problem: {
        zh: "这是文本文件（如 CSV），没有合并单元格和数字格式，无法按表格复核。" + SAVE_AS.zh,
        en:
          "this is a text file (such as CSV), without merged cells or number formats, so its tables cannot be read. " +
          SAVE_AS.en,
      },
    };
  }
  return {
    kind: "unknown",
    problem: {
      zh: "无法识别的文件格式，不是 Excel 工作簿。",
      en: "the file format is not recognised; it is not an Excel workbook.",
    },
  };
}
