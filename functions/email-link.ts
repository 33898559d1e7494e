// Primary adapter: email links (one-click rating, "why?" form, unsubscribe) -> use cases.
import { createHash, createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { emailTexts, languageOf } from '../shared/domain/messages.ts';
import {
  assertBodySize,
  errorToHttp,
  type HttpResponse,
  html,
  PAGE_CSP,
  toHttpRequest,
} from '../shared/http/api.ts';
import { escapeHtml } from '../shared/http/html.ts';
import { page } from '../shared/http/pages.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { LinkTokenError, verifyLink } from '../shared/security/link-token.ts';
import { safeEqual } from '../shared/sources/signature.ts';
import { checkEmailRating, recordEmailComment, recordEmailRating } from '../shared/usecases/email-answer.ts';

/** A per-survey form token: a cross-site form cannot know it, so the comment POST is CSRF-safe. */
function csrfToken(key: string, surveyId: string): string {
  return createHmac('sha256', key).update(`csrf:${surveyId}`).digest('base64url');
}

/**
 * The rating page's one script: it confirms the rating the link names by POSTing the page's form
 * without a comment, then hides the "press Send to save" hint. Plain-GET link scanners never run
 * it, so they record nothing; a customer without JavaScript saves with the form's Send button.
 */
const CONFIRM_RATING_SCRIPT =
  "(function(){var f=document.getElementById('why'),h=document.getElementById('save-hint');" +
  "if(!f||!window.fetch)return;var d=new URLSearchParams();d.set('csrf',f.elements.csrf.value);" +
  "fetch(f.action,{method:'POST',body:d,credentials:'same-origin'}).then(function(r){" +
  "if(r.ok&&h)h.hidden=true;document.documentElement.setAttribute('data-rating',r.ok?'saved':'failed')" +
  "},function(){document.documentElement.setAttribute('data-rating','failed')})})();";

/** The page policy plus exactly that script (by hash) and same-origin fetch. */
const CONFIRM_RATING_CSP = `${PAGE_CSP}; script-src 'sha256-${createHash('sha256').update(CONFIRM_RATING_SCRIPT).digest('base64')}'; connect-src 'self'`;

export function createHandler(deps: Deps) {
  const key = deps.secrets.LINK_SIGNING_KEY;
  return async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    const req = toHttpRequest(event);
    const token = event.pathParameters?.token ?? '';
    const fallback = emailTexts('en', {
      brand: deps.config.brand.name,
      metric: { kind: 'nps', min: 0, max: 10 },
      touchpoint: 'delivery',
    });
    try {
      // A form here holds a token and a comment of at most 2,000 characters: limit it like the webhooks.
      if (req.method === 'POST') assertBodySize(req);
      const now = deps.clock.now();
      let payload: ReturnType<typeof verifyLink>;
      try {
        payload = verifyLink(token, key, now);
      } catch (error) {
        if (!(error instanceof LinkTokenError)) throw error;
        const status = error.reason === 'expired' ? 410 : 400;
        return html(
          status,
          page(
            'en',
            fallback.invalidLink,
            `<h1>${escapeHtml(error.reason === 'expired' ? fallback.closed : fallback.invalidLink)}</h1>`,
          ),
        );
      }
      const survey = await deps.surveys.get(payload.s);
      const lang = survey?.language ?? languageOf(undefined);
      const t = survey
        ? emailTexts(lang, {
            brand: deps.config.brand.name,
            metric: survey.metric,
            touchpoint: survey.touchpoint,
          })
        : fallback;
      /** A page that only says `text`, in the survey's language. */
      const notice = (status: number, text: string) =>
        html(status, page(lang, text, `<h1>${escapeHtml(text)}</h1>`));
      const closed = () => notice(410, t.closed);
      const invalid = (status: 400 | 403 = 400) => notice(status, t.invalidLink);
      /** The form came from our page: it carries the survey's form token. */
      const fromOurPage = (form: Record<string, string>) =>
        safeEqual(Buffer.from(String(form.csrf ?? '')), Buffer.from(csrfToken(key, payload.s)));

      if (payload.a === 'unsub') {
        if (!survey?.email) return closed();
        if (req.method === 'POST') {
          // RFC 8058: mail clients POST "List-Unsubscribe=One-Click"; our own page posts a form.
          await deps.surveys.updateConsent(survey.email, { emailSuppressed: 'unsubscribed' }, now);
          return notice(200, t.unsubscribed);
        }
        return html(
          200,
          page(
            lang,
            t.unsubscribe,
            `<h1>${escapeHtml(t.unsubscribeConfirm)}</h1><form method="post" action="${escapeHtml(req.path)}"><button type="submit">${escapeHtml(t.unsubscribe)}</button></form>`,
          ),
        );
      }

      if (payload.a === 'rate') {
        if (typeof payload.v !== 'number') return invalid();
        if (req.method === 'GET') {
          // Opening the link records nothing (mail security scanners open every link of a message):
          // the page's script confirms the rating with a POST, the form does without JavaScript.
          const check = checkEmailRating(deps, survey, payload.v);
          if (check.kind === 'closed' || check.kind === 'unknown_survey') return closed();
          if (check.kind === 'out_of_range') return invalid();
          return html(
            200,
            page(
              lang,
              t.thanks,
              `<h1>${escapeHtml(t.whyHeading.replace('{s}', String(payload.v)))}</h1>
<form id="why" method="post" action="${escapeHtml(req.path)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrfToken(key, payload.s))}">
<label for="comment">${escapeHtml(t.whyLabel)}</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit">${escapeHtml(t.submit)}</button>
</form><p class="hint" id="save-hint">${escapeHtml(t.saveHint)}</p><p class="hint">${escapeHtml(t.changeHint)}</p>
<script>${CONFIRM_RATING_SCRIPT}</script>`,
            ),
            {
              'cache-control': 'no-store',
              'referrer-policy': 'no-referrer',
              'content-security-policy': CONFIRM_RATING_CSP,
            },
          );
        }
        const form = Object.fromEntries(new URLSearchParams(req.rawBody));
        if (!fromOurPage(form)) return invalid(403);
        const outcome = await recordEmailRating(deps, survey, payload.v);
        if (outcome.kind === 'closed' || outcome.kind === 'unknown_survey') return closed();
        if (outcome.kind === 'out_of_range') return invalid();
        // The page's script posts the rating alone; the form (sent by the customer) has the comment.
        if (form.comment === undefined) return { statusCode: 204, headers: {}, body: '' };
        const commented = await recordEmailComment(deps, payload.s, String(form.comment));
        if (commented !== 'recorded') return closed();
        return notice(200, t.thanks);
      }

      // Comment forms of pages shown before ratings were confirmed by POST (still open in a tab).
      if (payload.a === 'comment' && req.method === 'POST') {
        const form = Object.fromEntries(new URLSearchParams(req.rawBody));
        if (!fromOurPage(form)) return invalid(403);
        const outcome = await recordEmailComment(deps, payload.s, String(form.comment ?? ''));
        if (outcome !== 'recorded') return closed();
        return notice(200, t.thanks);
      }
      return invalid();
    } catch (error) {
      return errorToHttp(error);
    }
  };
}

export const handler = lazyHandler(createHandler);
