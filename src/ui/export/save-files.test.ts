import { describe, expect, it } from 'vitest';
import type { ArtifactFile } from '../../core/export/types';
import { downloadName, writeToDirectory, type DirHandleLike } from './save-files';

/** An in-memory stand-in for a FileSystemDirectoryHandle: a file appears only when its writable is closed. */
function memoryDir(name: string, files: Map<string, Uint8Array>, prefix = '', failOn?: string): DirHandleLike {
  return {
    name,
    async getDirectoryHandle(n) {
      return memoryDir(n, files, `${prefix}${n}/`, failOn);
    },
    async getFileHandle(n) {
      const path = `${prefix}${n}`;
      return {
        async createWritable() {
          let pending: Uint8Array | null = null;
          return {
            async write(d: Uint8Array) {
              if (path === failOn) throw new Error('disk full');
              pending = d;
            },
            async close() {
              if (pending) files.set(path, pending);
            },
            async abort() {
              pending = null;
            },
          };
        },
      };
    },
  };
}

const file = (path: string, s: string): ArtifactFile => ({ path, bytes: new TextEncoder().encode(s), mediaType: 'text/plain' });

describe('saving artifacts', () => {
  it('download names flatten the path under the sanitised run name', () => {
    expect(downloadName('../my run', 'embeddings/items.npy')).toBe('my_run__embeddings__items.npy');
    expect(downloadName('', 'manifest.json')).toBe('kloa-run__manifest.json');
    expect(downloadName('NUL', 'a.json')).toBe('_NUL__a.json');
  });

  it('writes every file under RUN/ with nested folders; a failed write leaves no file behind', async () => {
    const files = new Map<string, Uint8Array>();
    const where = await writeToDirectory(memoryDir('out', files), '../evil:run', [file('embeddings/items.npy', 'x'), file('manifest.json', 'm')]);
    expect(where).toBe('out/evil_run');
    expect([...files.keys()].sort()).toEqual(['evil_run/embeddings/items.npy', 'evil_run/manifest.json']);
    const failing = new Map<string, Uint8Array>();
    await expect(writeToDirectory(memoryDir('out', failing, '', 'r/b.json'), 'r', [file('a.json', '1'), file('b.json', '2')])).rejects.toThrow('disk full');
    expect([...failing.keys()]).toEqual(['r/a.json']);
  });
});
