/**
 * A user's regular expression runs in main over up to millions of lines; JavaScript's
 * backtracking engine can take exponential time on a nested quantifier such as `(a+)+$`
 * or `(\w*)*x`, and main would stop answering. We refuse patterns with star height > 1
 * (a quantified group that itself contains a quantifier), the shape behind almost every
 * catastrophic-backtracking report, and say which part. Returns the offending group's text,
 * or null when the pattern is acceptable.
 */
export function nestedQuantifier(pattern: string): string | null {
  // For each open group: where it starts and whether something inside it repeats.
  const stack: Array<{ start: number; repeats: boolean }> = [];
  let i = 0;
  const quantifierAt = (p: number): number => {
    // Length of the quantifier starting at p (0 when none). {n} alone does not repeat unboundedly.
    const c = pattern[p];
    if (c === '*' || c === '+') return 1;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(p));
      if (!m) return 0;
      if (m[2] === undefined) return 0; // {n}: fixed count
      if (m[3] === '' || Number(m[3]) > 1) return m[0].length;
    }
    return 0;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      // A character class: skip to its closing bracket (escapes inside count).
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      stack.push({ start: i, repeats: false });
      i++;
    } else if (c === ')') {
      const group = stack.pop();
      i++;
      const q = quantifierAt(i);
      if (group && q > 0 && group.repeats) return pattern.slice(group.start, i + q);
      // The group as a whole repeats (or contains repetition): its parent contains repetition.
      if (group && stack.length > 0 && (q > 0 || group.repeats)) stack[stack.length - 1]!.repeats = true;
    } else {
      const q = quantifierAt(i);
      if (q > 0) {
        if (stack.length > 0) stack[stack.length - 1]!.repeats = true;
        i += q;
      } else {
        i++;
      }
    }
  }
  return null;
}
