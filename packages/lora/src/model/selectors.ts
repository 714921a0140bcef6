/**
 * PEFT's layer selection. A list selects a path equal to an entry or ending with '.' + the entry; a RegExp
 * must match the whole path (PEFT's `re.fullmatch`).
 */
export function selects(selector: string[] | RegExp, path: string): boolean {
  if (selector instanceof RegExp) return new RegExp(`^(?:${selector.source})$`).test(path);
  return selector.some((name) => path === name || path.endsWith(`.${name}`));
}

/** The entries of a list selector that select none of `paths` (for a RegExp: the pattern, if it selects none). */
export function unmatchedSelectors(selector: string[] | RegExp, paths: string[]): string[] {
  if (selector instanceof RegExp)
    return paths.some((path) => selects(selector, path)) ? [] : [selector.source];
  return selector.filter((name) => !paths.some((path) => selects([name], path)));
}

/** True when `path` is a module to save or lies inside one: PEFT never puts adapters there. */
export function insideModulesToSave(modulesToSave: string[], path: string): boolean {
  return modulesToSave.some((name) => `.${path}.`.includes(`.${name}.`));
}
