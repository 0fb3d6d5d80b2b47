/**
 * A language's table of the forms English messages take: `[english, translation]`, where `{x}` in both is
 * carried over as found (an id, a hash, a count) and `{*x}` is itself a message, said in turn. Forms are
 * tried in order against the whole text, the first that matches says it; text no form matches has `words`
 * (global replacements) applied, which say the parts a form leaves to them (outcomes, differences).
 */
export function sayerOf(
  forms: readonly [string, string][],
  words: readonly [RegExp, string][] = [],
): (text: string) => string {
  const matchers = forms.map(([english, translation]) => {
    const names: { name: string; nested: boolean }[] = [];
    const source = english
      .split(/(\{\*?[a-z]\})/)
      .map((part) => {
        const slot = /^\{(\*?)([a-z])\}$/.exec(part);
        if (!slot) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push({ name: slot[2], nested: slot[1] === '*' });
        return '(.+?)';
      })
      .join('');
    return { pattern: new RegExp(`^${source}$`, 's'), names, translation };
  });
  const say = (text: string): string => {
    for (const { pattern, names, translation } of matchers) {
      const match = pattern.exec(text);
      if (!match) continue;
      const values = new Map(names.map(({ name, nested }, i) => [name, nested ? say(match[i + 1]) : match[i + 1]]));
      return translation.replace(/\{([a-z])\}/g, (_, name: string) => values.get(name) ?? '');
    }
    return words.reduce((said, [pattern, replacement]) => said.replace(pattern, replacement), text);
  };
  return say;
}
