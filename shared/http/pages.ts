import { escapeHtml } from './html.ts';

/** A small, self-contained page (no external assets) for the email link flows. */
export function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:560px;margin:40px auto;padding:24px;background:#fff;border-radius:8px}
h1{font-size:1.4rem;margin:0 0 12px}
label{display:block;margin:16px 0 8px;font-weight:600}
textarea{width:100%;box-sizing:border-box;min-height:120px;font:inherit;padding:8px;border:1px solid #8a93a6;border-radius:4px}
button{margin-top:12px;padding:10px 20px;font:inherit;font-weight:600;color:#fff;background:#1a4d8f;border:0;border-radius:4px;cursor:pointer}
button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
p.hint{color:#555;font-size:.9rem}
</style></head><body><main>${body}</main></body></html>`;
}
