import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../errors.js';

/*
 * PDF by LibreOffice: `soffice --headless --convert-to pdf`, each conversion with a profile folder of its own
 * (two conversions sharing one would wait on each other's lock or fail). Debian package: libreoffice-writer-nogui.
 */

const CANDIDATES = ['soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];
const TIMEOUT_MS = 120_000;

let found: string | null | undefined;

/** The LibreOffice binary, or null when none is installed (looked up once per process). */
export function findSoffice(): string | null {
  if (found !== undefined) return found;
  found = null;
  for (const c of CANDIDATES) {
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore', timeout: 30_000 });
      found = c;
      break;
    } catch {
      // not this one
    }
  }
  return found;
}

export const PDF_MISSING_EN =
  'PDF needs LibreOffice, which is not installed here: install the Debian package libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui). The .docx is always available.';
export const PDF_MISSING_ZH =
  '生成 PDF 需要 LibreOffice，本机未安装：请安装 Debian 软件包 libreoffice-writer-nogui（apt-get install libreoffice-writer-nogui）。.docx 格式始终可用。';

/**
 * The PDF of a .docx.
 * @throws AppError `pdf_unavailable` when LibreOffice is missing or the conversion fails.
 */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw new AppError('pdf_unavailable', PDF_MISSING_EN, PDF_MISSING_ZH);
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    writeFileSync(input, docx);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input], { timeout: TIMEOUT_MS }, (err) =>
        err ? reject(err) : resolve(),
      );
    }).catch((e: unknown) => {
      throw new AppError('pdf_unavailable', `LibreOffice could not convert the document: ${(e as Error).message}`, 'LibreOffice 转换 PDF 失败。');
    });
    return readFileSync(join(dir, 'document.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
