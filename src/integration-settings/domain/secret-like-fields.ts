/** Key names that hold credentials, however they are spelled (snake, kebab or camel case). */
const SECRET_LIKE = /(api[_-]?key|apikey|secret|token|password|passwd|credential|private[_-]?key)/i;

export function isSecretLikeName(name: string): boolean {
  return SECRET_LIKE.test(name);
}

/**
 * Paths of every secret-like key in `value`, at any depth (objects and arrays). `exempt` lists
 * names the type declares as settings, not credentials (`max_tokens`, also inside the model
 * allow-list). Walks iteratively, so a deeply nested body cannot exhaust the stack.
 */
export function secretLikePaths(value: unknown, exempt: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: value, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ node: item, path: `${path}[${i}]` }));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        if (isSecretLikeName(key) && !exempt.has(key)) found.push(childPath);
        stack.push({ node: child, path: childPath });
      }
    }
  }
  return found.sort();
}
