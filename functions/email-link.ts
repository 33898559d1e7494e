// Primary adapter: email links (one-click rating, "why?" form, unsubscribe) -> use cases.
import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { emailTexts, languageOf } from '../shared/domain/messages.ts';
import { errorToHttp, type HttpResponse, html, toHttpRequest } from '../shared/http/api.ts';
import { escapeHtml } from '../shared/http/html.ts';
import { page } from '../shared/http/pages.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { LinkTokenError, signLink, verifyLink } from '../shared/security/link-token.ts';
import { safeEqual } from '../shared/sources/signature.ts';
import { recordEmailComment, recordEmailRating } from '../shared/usecases/email-answer.ts';

/** A per-survey form token: a cross-site form cannot know it, so the comment POST is CSRF-safe. */
function csrfToken(key: string, surveyId: string): string {
  return createHmac('sha256', key).update(`csrf:${surveyId}`).digest('base64url');
}

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
      const closed = () => html(410, page(lang, t.closed, `<h1>${escapeHtml(t.closed)}</h1>`));

      if (payload.a === 'unsub') {
        if (!survey?.email) return closed();
        if (req.method === 'POST') {
          // RFC 8058: mail clients POST "List-Unsubscribe=One-Click"; our own page posts a form.
          await deps.surveys.updateConsent(survey.email, { emailSuppressed: 'unsubscribed' }, now);
          return html(200, page(lang, t.unsubscribed, `<h1>${escapeHtml(t.unsubscribed)}</h1>`));
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

      if (payload.a === 'rate' && req.method === 'GET') {
        if (typeof payload.v !== 'number')
          return html(400, page(lang, t.invalidLink, `<h1>${escapeHtml(t.invalidLink)}</h1>`));
        const outcome = await recordEmailRating(deps, payload.s, payload.v);
        if (outcome.kind === 'closed' || outcome.kind === 'unknown_survey') return closed();
        if (outcome.kind === 'out_of_range')
          return html(400, page(lang, t.invalidLink, `<h1>${escapeHtml(t.invalidLink)}</h1>`));
        const commentToken = signLink(
          { s: payload.s, a: 'comment', e: Math.floor(Date.parse(outcome.survey.expiresAt) / 1000) },
          key,
        );
        return html(
          200,
          page(
            lang,
            t.thanks,
            `<h1>${escapeHtml(t.whyHeading.replace('{s}', String(outcome.score)))}</h1>
<form method="post" action="/r/${escapeHtml(commentToken)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrfToken(key, payload.s))}">
<label for="comment">${escapeHtml(t.whyLabel)}</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit">${escapeHtml(t.submit)}</button>
</form><p class="hint">${escapeHtml(t.changeHint)}</p>`,
          ),
          { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
        );
      }

      if (payload.a === 'comment' && req.method === 'POST') {
        const form = Object.fromEntries(new URLSearchParams(req.rawBody));
        const given = Buffer.from(String(form.csrf ?? ''));
        if (!safeEqual(given, Buffer.from(csrfToken(key, payload.s)))) {
          return html(403, page(lang, t.invalidLink, `<h1>${escapeHtml(t.invalidLink)}</h1>`));
        }
        const outcome = await recordEmailComment(deps, payload.s, String(form.comment ?? ''));
        if (outcome !== 'recorded') return closed();
        return html(200, page(lang, t.thanks, `<h1>${escapeHtml(t.thanks)}</h1>`));
      }
      return html(400, page(lang, t.invalidLink, `<h1>${escapeHtml(t.invalidLink)}</h1>`));
    } catch (error) {
      return errorToHttp(error);
    }
  };
}

export const handler = lazyHandler(createHandler);
