// File names inside a FileSource are `/`-separated relative paths. These helpers keep them normalised, so that
// `041s/./041s01.hea` and `041s/041s01.hea` name the same file in every source.

/** Removes `.` and empty segments and resolves `..` where possible (leading `..` segments are kept). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** The folder part of a path (`''` for a name without folder). */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `name` relative to folder `dir`, normalised. */
export function joinPath(dir: string, name: string): string {
  return normalizePath(dir === '' ? name : `${dir}/${name}`);
}
