/**
 * Getting files out of the browser: one download per file (an <a download> click on a Blob URL),
 * or, where the File System Access API exists (Chromium), a folder the user picks: each file is
 * written through a writable stream that only replaces the file when it is closed, so no
 * half-written artifact looks whole.
 */
import type { ArtifactFile } from '../../core/export/types';
import { safeFileName } from '../../core/export/safe-names';

/** The flat download name of an artifact: RUN__dir__file.ext (each part sanitised). */
export function downloadName(run: string, path: string): string {
  return [safeFileName(run, { fallback: 'kloa-run', maxBytes: 80 }), ...path.split('/').map((p) => safeFileName(p))].join('__');
}

export function downloadFile(name: string, file: ArtifactFile): void {
  const blob = new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface WritableLike {
  write(data: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
interface FileHandleLike {
  createWritable(): Promise<WritableLike>;
}
export interface DirHandleLike {
  name: string;
  getDirectoryHandle(name: string, opts: { create: boolean }): Promise<DirHandleLike>;
  getFileHandle(name: string, opts: { create: boolean }): Promise<FileHandleLike>;
}

type PickerWindow = { showDirectoryPicker?: (opts?: { mode?: 'readwrite'; id?: string }) => Promise<DirHandleLike> };

export function canPickDirectory(): boolean {
  return typeof (globalThis as PickerWindow).showDirectoryPicker === 'function';
}

export async function pickDirectory(): Promise<DirHandleLike> {
  const pick = (globalThis as PickerWindow).showDirectoryPicker;
  if (!pick) throw new Error('This browser cannot write to a folder; use the per-file downloads.');
  return pick({ mode: 'readwrite', id: 'kloa-export' });
}

/** Writes the files under ROOT/RUN/ in `dir` (paths are already safe; the run name is sanitised here). */
export async function writeToDirectory(dir: DirHandleLike, run: string, files: readonly ArtifactFile[], onFile?: (i: number, path: string) => void): Promise<string> {
  const folder = safeFileName(run, { fallback: 'kloa-run', maxBytes: 80 });
  const root = await dir.getDirectoryHandle(folder, { create: true });
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const parts = f.path.split('/').map((p) => safeFileName(p));
    let d = root;
    for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, { create: true });
    const h = await d.getFileHandle(parts[parts.length - 1], { create: true });
    const w = await h.createWritable();
    try {
      await w.write(f.bytes as Uint8Array<ArrayBuffer>);
      await w.close();
    } catch (e) {
      await w.abort().catch(() => undefined);
      throw e;
    }
    onFile?.(i + 1, f.path);
  }
  return `${dir.name}/${folder}`;
}
