import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every regular file under a directory (following no symbolic links), as paths relative to it, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  async function visit(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) found.push(relative(root, path));
    }
  }
  await visit(root);
  return found.sort();
}
