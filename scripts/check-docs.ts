import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Checks the README and docs/*.md (run: npx tsx scripts/check-docs.ts; test/unit/docs-links.test.ts
 * runs it in `npm test`): every relative link and `#anchor` resolves, every repository path named in
 * backticks exists, every docs page is linked from the README, and the README copies no passage from
 * the docs (it is the front door; the depth lives in docs/, each fact in one place).
 */

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The README's size limit in bytes: a front door, read in five minutes. */
export const README_MAX_BYTES = 12 * 1024;

/** How many consecutive words of README prose found in a docs page count as a copied passage. */
export const COPY_WORDS = 12;

/** Markdown outside fenced code blocks (``` or ~~~), fences replaced by empty lines so line numbers hold. */
function withoutFences(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line;
  });
}

/** The heading's text as GitHub renders it: inline code, links, images and HTML reduced to their text. */
function headingText(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`([^`]*)`/g, '$1');
}

/** GitHub's anchor for a heading text (as github-slugger does): lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(text: string): string {
  return headingText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor GitHub generates for the ATX headings of a page, repeats numbered `-1`, `-2`, ... */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of withoutFences(markdown)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = githubSlug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

export interface MarkdownLink {
  line: number;
  target: string;
}

/** Inline links and images (`[text](target)`, `![alt](target)`) and reference definitions, outside code. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  withoutFences(markdown).forEach((text, index) => {
    const line = text.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      links.push({ line: index + 1, target: m[1] ?? '' });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line)?.[1];
    if (definition) links.push({ line: index + 1, target: definition });
  });
  return links;
}

/** Repository paths named in inline code (`shared/domain/scoring.ts`): a slash and an extension, no wildcards. */
export function codePaths(markdown: string): MarkdownLink[] {
  const paths: MarkdownLink[] = [];
  withoutFences(markdown).forEach((line, index) => {
    for (const m of line.matchAll(/`([^`]+)`/g)) {
      const code = m[1] ?? '';
      if (/^[\w.-]+(\/[\w.-]+)+\.[A-Za-z0-9]+$/.test(code)) paths.push({ line: index + 1, target: code });
    }
  });
  return paths;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Links of `file` (relative to `root`) whose file or heading does not exist, as readable problems.
 * `read` returns a page's text (cached by the caller).
 */
export function brokenLinks(root: string, file: string, read: (path: string) => string): string[] {
  const problems: string[] = [];
  for (const { line, target } of markdownLinks(read(join(root, file)))) {
    if (EXTERNAL.test(target)) continue;
    const hash = target.indexOf('#');
    const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
    const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = pathPart ? resolve(root, dirname(file), pathPart) : join(root, file);
    const where = `${file}:${line}: ${target}`;
    if (resolved !== root && !resolved.startsWith(root + sep)) {
      problems.push(`${where}: points outside the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${where}: no file ${relative(root, resolved)}`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !headingAnchors(read(resolved)).has(anchor))
      problems.push(`${where}: no heading #${anchor} in ${relative(root, resolved)}`);
  }
  return problems;
}

/** Paths in backticks that name no file, from the repository root or from the page's folder. */
export function missingCodePaths(root: string, file: string, read: (path: string) => string): string[] {
  return codePaths(read(join(root, file)))
    .filter(({ target }) => !existsSync(join(root, target)) && !existsSync(join(root, dirname(file), target)))
    .map(({ line, target }) => `${file}:${line}: \`${target}\` names no file`);
}

/** Prose words of a page: no code, no link targets, no markup, lower case. */
function proseWords(markdown: string): string[] {
  return withoutFences(markdown)
    .join('\n')
    .replace(/`[^`]*`/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .split(/[^\p{L}\p{N}%'-]+/u)
    .filter(Boolean);
}

/** Passages of `COPY_WORDS` consecutive words of `readme` that also appear in one of `pages`. */
export function copiedPassages(readme: string, pages: ReadonlyMap<string, string>): string[] {
  const shingle = (words: string[], i: number) => words.slice(i, i + COPY_WORDS).join(' ');
  const found = new Map<string, string>();
  for (const [page, text] of pages) {
    const words = proseWords(text);
    for (let i = 0; i + COPY_WORDS <= words.length; i++) found.set(shingle(words, i), page);
  }
  const copies: string[] = [];
  const words = proseWords(readme);
  for (let i = 0; i + COPY_WORDS <= words.length; i++) {
    const page = found.get(shingle(words, i));
    if (page) {
      copies.push(`README.md repeats ${page}: "${shingle(words, i)}"`);
      i += COPY_WORDS - 1;
    }
  }
  return copies;
}

/** The pages checked: README.md and every docs/*.md, relative to `root`. */
export function checkedPages(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** Every problem with the README and the docs, empty when all is well. */
export function checkDocs(root: string = REPO_ROOT): string[] {
  const cache = new Map<string, string>();
  const read = (path: string) => {
    let text = cache.get(path);
    if (text === undefined) {
      text = readFileSync(path, 'utf8');
      cache.set(path, text);
    }
    return text;
  };
  const pages = checkedPages(root);
  const problems = pages.flatMap((file) => [
    ...brokenLinks(root, file, read),
    ...missingCodePaths(root, file, read),
  ]);
  const readme = read(join(root, 'README.md'));
  const bytes = Buffer.byteLength(readme);
  if (bytes >= README_MAX_BYTES)
    problems.push(`README.md is ${bytes} bytes; keep it under ${README_MAX_BYTES} and move depth to docs/`);
  const linked = new Set(
    markdownLinks(readme).map(({ target }) => resolve(root, target.split('#')[0] ?? '')),
  );
  for (const page of pages.slice(1))
    if (!linked.has(join(root, page))) problems.push(`README.md does not link to ${page}`);
  const docs = new Map(pages.slice(1).map((page) => [page, read(join(root, page))]));
  problems.push(...copiedPassages(readme, docs));
  return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = checkDocs();
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? 'docs: all links resolve' : `docs: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
