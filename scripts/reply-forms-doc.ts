import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  HELP_KEYWORDS,
  NUMBER_WORDS,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  OPT_OUT_PHRASES,
  YES_WORDS,
} from '../shared/domain/keywords.ts';
import { LANGUAGES } from '../shared/domain/model.ts';

/** Where the page lives; test/unit/docs-links.test.ts checks it is exactly what this renders. */
export const REPLY_FORMS_PAGE = fileURLToPath(new URL('../docs/reply-forms.md', import.meta.url));

/** Markdown as the repository's formatter (Biome, in `npm test`'s lint) writes it: tables aligned. */
function formatted(markdown: string): string {
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  const result = spawnSync(biome, ['format', `--stdin-file-path=${REPLY_FORMS_PAGE}`], {
    input: markdown,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** docs/reply-forms.md, rendered from the parser's own vocabulary (write it: npx tsx scripts/reply-forms-doc.ts). */
export function renderReplyForms(): string {
  const rows = LANGUAGES.map((lang) => {
    const cell = (list?: string[]) => (list ?? []).map((w) => `\`${w}\``).join(', ') || '-';
    return `| ${lang} | ${cell(OPT_OUT_KEYWORDS[lang])} | ${cell(OPT_IN_KEYWORDS[lang])} | ${cell(HELP_KEYWORDS[lang])} | ${(OPT_OUT_PHRASES[lang] ?? []).length} patterns | ${(NUMBER_WORDS[lang] ?? []).join(', ')} |`;
  });
  return formatted(`# Replies Touchpoint understands

Generated from \`shared/domain/keywords.ts\` by \`scripts/reply-forms-doc.ts\`. Keywords match the whole
message, case-insensitive, accents optional; they work whatever language the survey was sent in.

| language | opt-out (STOP) | opt back in | help | "please stop texting me" phrases | number words 0-10 |
|---|---|---|---|---|---|
${rows.join('\n')}

\`YES\` (${YES_WORDS.map((w) => `\`${w}\``).join(', ')}) opts back in only a number that opted out; otherwise it is an unclear answer.

Every message has one effect, however often Twilio delivers it or anyone replays it: Touchpoint
remembers each \`MessageSid\` it handled (an answer on its survey, any other message as a hash of the
id), and a repeat gets an empty reply. Opting out and back in takes effect in the order the customer
sent the keywords, by Twilio's time for each message (read with the Messages API; the time it reached
Touchpoint when Twilio cannot say; equal times in arrival order): a START older than the latest STOP
never re-subscribes, and a STOP older than a later START does not undo it. A signed webhook without
\`MessageSid\` is answered 400.

## Scores by SMS

| reply | read as |
|---|---|
| \`9\` (spaces around it too), \`9/10\`, \`9 - great\`, \`I'd say 8\`, \`10!\` | that number |
| \`nine\`, \`neun\`, \`neuf\`, \`nueve\`, \`negen\`, \`kilenc\`, \`üheksa\`, \`девять\` | 9 (every number word 0-10 of the table above) |
| full-width and Arabic-Indic digits (\`９\`, \`٩\`) | that number |
| two different numbers (\`7 or 8\`, \`between 7 and 8\`) | unclear: one clarification is sent |
| a number outside the scale (\`11\` on 0-10, \`7\` on 1-5) | out of range: one clarification is sent |
| markup or code (\`<script>alert(1)</script>\`) | unclear, never a score |
| anything else after one clarification | kept as a comment without a score |

After a score, the next message is the answer to the optional "why?" and is stored as the comment.

## Keypad (IVR)

| keys | read as |
|---|---|
| \`9\`, \`10\`, \`10#\` (0-10 scales take two digits or \`#\`) | that score |
| \`#\` alone, or silence | no input: re-prompt once, then goodbye |
| \`*\` | end the call politely |
| a number outside the scale, or anything else | re-prompt once, then goodbye |
`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(REPLY_FORMS_PAGE, renderReplyForms());
  console.log('wrote docs/reply-forms.md');
}
