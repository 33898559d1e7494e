import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDocs, githubSlug, headingAnchors, README_MAX_BYTES } from '../../scripts/check-docs.ts';
import { REPLY_FORMS_PAGE, renderReplyForms } from '../../scripts/reply-forms-doc.ts';

/** A throwaway repository with these files, for checking that the checker refuses what it should. */
const made: string[] = [];
function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'touchpoint-docs-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

const PAGE = '# Guide\n\n## Sent, delivered, answered: one rule\n\n## 5. Admin sign-in (`-c adminAuth`)\n';

describe('the README and docs/', () => {
  it('have no broken link, anchor or path, and the README is a small front door linking every page', () => {
    expect(checkDocs()).toEqual([]);
  });
});

describe('docs/reply-forms.md', () => {
  it("is exactly what scripts/reply-forms-doc.ts renders from the parser's vocabulary", () => {
    // On a difference, regenerate it: npx tsx scripts/reply-forms-doc.ts
    expect(readFileSync(REPLY_FORMS_PAGE, 'utf8')).toBe(renderReplyForms());
  });
});

describe('githubSlug', () => {
  it('makes the anchors GitHub makes', () => {
    expect(githubSlug('Confidence intervals (95 %)')).toBe('confidence-intervals-95-');
    expect(githubSlug('5. Admin sign-in (`-c adminAuth`)')).toBe('5-admin-sign-in--c-adminauth');
    expect(githubSlug('Local routes (`/dev/*`)')).toBe('local-routes-dev');
    expect(githubSlug('Scores by SMS')).toBe('scores-by-sms');
  });

  it('numbers repeated headings and ignores "headings" inside code blocks', () => {
    const anchors = headingAnchors('# Notes\n\n## Notes\n\n```bash\n# not a heading\n```\n');
    expect([...anchors]).toEqual(['notes', 'notes-1']);
  });
});

describe('checkDocs', () => {
  it('names a link to a missing file, a missing heading and a path outside the repository', () => {
    const root = repoWith({
      'README.md': '# R\n\n[guide](docs/guide.md) [gone](docs/gone.md)\n',
      'docs/guide.md': `${PAGE}\n[ok](#sent-delivered-answered-one-rule) [ok](guide.md#5-admin-sign-in--c-adminauth)\n[bad](#no-such-heading) [out](../../etc/passwd) [web](https://example.com/x)\n`,
    });
    expect(checkDocs(root)).toEqual([
      'README.md:3: docs/gone.md: no file docs/gone.md',
      'docs/guide.md:8: #no-such-heading: no heading #no-such-heading in docs/guide.md',
      'docs/guide.md:8: ../../etc/passwd: points outside the repository',
    ]);
  });

  it('names a repository path in backticks that does not exist', () => {
    const root = repoWith({
      'README.md': '# R\n\n[guide](docs/guide.md), code in `src/main.ts`\n',
      'docs/guide.md': PAGE,
      'src/app.ts': '',
    });
    expect(checkDocs(root)).toEqual(['README.md:3: `src/main.ts` names no file']);
  });

  it('refuses a README that is too big, misses a docs page or repeats a docs passage', () => {
    const passage = 'the survey engine decides whether the customer is asked which question on which channel';
    const root = repoWith({
      'README.md': `# R\n\n[guide](docs/guide.md). In short, ${passage}.\n\n${'x'.repeat(README_MAX_BYTES)}\n`,
      'docs/guide.md': `${PAGE}\nFor every event ${passage} and when.\n`,
      'docs/orphan.md': '# Orphan\n',
    });
    const problems = checkDocs(root);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^README\.md is \d+ bytes; keep it under 12288/);
    expect(problems[1]).toBe('README.md does not link to docs/orphan.md');
    expect(problems[2]).toMatch(/^README\.md repeats docs\/guide\.md: "the survey engine decides/);
  });
});
