/**
 * The renderer build served as static files. The folder is read once at start: only those
 * files are ever served (a URL is looked up in that map, never joined onto a path), so no
 * spelling of `..` can reach outside it, and a rebuild while the server runs cannot leave a
 * page half old and half new.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { mimeTypeFor } from '../host/mime-types.js';

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Vite's hashed assets never change under their name. */
  immutable: boolean;
}

/** Most files and bytes held (a renderer build has a few dozen files, a few MiB). */
const MAX_FILES = 5000;
const MAX_BYTES = 256 * 1024 * 1024;

export class StaticFiles {
  private constructor(
    private readonly files: Map<string, StaticFile>,
    readonly index: StaticFile,
  ) {}

  static load(dir: string): StaticFiles {
    const files = new Map<string, StaticFile>();
    let bytes = 0;
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) {
          if (files.size >= MAX_FILES) throw new Error(`${dir} holds more than ${MAX_FILES} files; is it really the renderer build?`);
          const rel = relative(dir, full).split(sep).join('/');
          const body = readFileSync(full);
          bytes += body.length;
          if (bytes > MAX_BYTES) throw new Error(`${dir} holds more than ${MAX_BYTES} bytes; is it really the renderer build?`);
          files.set(`/${rel}`, { body, type: mimeTypeFor(entry.name), immutable: rel.startsWith('assets/') });
        }
      }
    };
    walk(dir);
    const index = files.get('/index.html');
    if (!index) throw new Error(`${dir} has no index.html`);
    return new StaticFiles(files, { ...index, immutable: false });
  }

  /** The file a URL path names, if the build has it. */
  find(urlPath: string): StaticFile | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    return this.files.get(decoded);
  }
}
