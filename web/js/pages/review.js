// The review page (review.html?course=ID): a short recall session. The runtime's review view says which
// card to answer from memory, checks the answer, suggests a rating from it and the response time, and
// offers the four ratings; the page draws that view and stores the chosen rating through the host path.
import { element, announce } from '../shell.js';
import { loadCourseForPage } from '../courses.js';
import { learnerId } from '../settings.js';
import { StorageError } from '../store/db.js';
import { showStorageProblem } from '../store/messages.js';
import { CourseSession } from '../player/controller.js';
import { itemWidget } from '../player/items.js';
import { sendOf, timeLeft } from '../player/actions.js';
import { contentLang } from '../player/content.js';
import { say, useWords } from '../words.js';

const courseId = new URLSearchParams(location.search).get('course');  // loadCourseForPage reads it too
const status = document.getElementById('review-status');
const problems = document.getElementById('review-problems');
const card = document.getElementById('review-card');
const time = document.getElementById('review-time');

// The time left, from the view's endsAt; not a live region (a ticking clock read out would drown the rest).
function showTimeLeft(review, now) {
  time.hidden = review.finished;
  time.textContent = `${review.words['recall.time-left']}: ${timeLeft(review.endsAt, now)}`;
}

// The right answer, as the runtime writes it out (absent for items without one in words, e.g. a hotspot).
function rightAnswer(review) {
  const answer = review.rightAnswer;
  if (!answer) return null;
  return element('div', { className: 'review-right-answer' },
    element('p', { className: 'review-right-answer-label', text: `${answer.label}:` }),
    element('ul', { ...contentLang(review) }, answer.lines.map((line) => element('li', { text: line }))));
}

function resultPanel(review) {
  const { result } = review;
  return element('div', { className: 'review-result', 'data-verdict': result.verdict },
    element('p', { className: 'review-verdict', text: result.scoreText ? `${result.verdictText} (${result.scoreText})` : result.verdictText }),
    rightAnswer(review),
    ...(result.feedback || []).map((text) => element('p', { className: 'item-feedback', text, ...contentLang(review) })),
    element('p', { className: 'review-suggested', text: review.suggestedText }));
}

// `answer`: what the learner gave for the card just checked, shown back beside its result.
function draw(session, review, { ask, rate }, answer) {
  showTimeLeft(review, session.clock());
  status.textContent = review.dueText;
  document.body.dataset.reviewed = String(review.reviewed);  // for tests: the reviews stored this session
  card.dataset.card = review.card?.card || '';  // for tests: which card is shown
  if (review.finished) {
    card.replaceChildren(element('h2', { id: 'review-card-heading', tabindex: '-1', text: review.finishedText }));
    card.querySelector('h2').focus();
    return;
  }
  const heading = element('h2', { id: 'review-card-heading', tabindex: '-1', text: review.item.label });
  if (review.result) {
    const buttons = review.actions.map((action) => element('button', {
      type: 'button', className: action.primary ? 'primary' : 'secondary', 'data-action': action.type,
      'data-rating': String(action.rating), text: action.label, onclick: () => rate(sendOf(action)),
    }));
    // The answer as given, shown back and no longer editable: the rating is what is asked now.
    const given = itemWidget(review.item, { answer }, { resolveUrl: session.resolveUrl, words: review.words, ...contentLang(review) }).element;
    given.querySelectorAll('input, select, textarea, button').forEach((control) => { control.disabled = true; });
    card.replaceChildren(heading, given, resultPanel(review),
      element('div', { className: 'block-nav', role: 'group', 'aria-label': review.words['recall.title'] }, buttons));
    announce([review.result.verdictText, review.suggestedText].join('. '));
    card.querySelector('button.primary')?.focus();
    return;
  }
  const shownAt = session.clock();
  const widget = itemWidget(review.item, undefined, { resolveUrl: session.resolveUrl, words: review.words, ...contentLang(review) });
  const [check] = review.actions;
  const form = element('form', { className: 'item-form' },
    element('p', { className: 'hint', text: review.words['recall.your-answer'] }), widget.element,
    element('div', { className: 'block-nav' }, element('button', { type: 'submit', className: 'primary', 'data-action': check.type, text: check.label })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The card as the check action names it: an item's block and item, or a course prompt's module and prompt.
    const which = Object.fromEntries(Object.entries(sendOf(check)).filter(([key]) => key !== 'type'));
    ask({ answered: { ...which, answer: widget.read(), shownAt } });
  });
  card.replaceChildren(heading, form);
  heading.focus();
}

async function start() {
  const opened = await loadCourseForPage(status);
  if (!opened) return;
  const { runtime, loaded, language } = opened;
  const session = new CourseSession({ runtime, learner: learnerId(), courseId, courseText: loaded.courseText, language });
  session.resolveUrl = (path) => new URL(path, loaded.folder).href;
  await session.start();
  if (session.storage === 'memory') showStorageProblem(session.storageError, () => ({ [courseId]: session.events }));
  const started = session.clock();
  let review = null;
  const handlers = {
    ask(extra = {}) {
      const answer = JSON.parse(session.session.reviewView(JSON.stringify({ now: session.clock(), started, ...extra }), language));
      if (!answer.ok) {
        problems.textContent = answer.problems.map((p) => p.message).join(' ');
        return;
      }
      problems.textContent = '';
      review = answer.review;
      useWords(review.words);
      card.hidden = false;  // hidden until there is a card: without a course the page has only its message
      document.getElementById('review-title').textContent = `${review.words['recall.title']}: ${review.title}`;
      draw(session, review, handlers, extra.answered?.answer);
    },
    async rate(action) {
      try {
        const result = await session.act(action);
        if (!result.ok) {
          problems.textContent = result.problems.map((p) => p.message).join(' ');
          return;
        }
      } catch (error) {
        if (error instanceof StorageError) showStorageProblem(error);
        else problems.textContent = error.message;
        return;
      }
      handlers.ask();
    },
  };
  handlers.ask();
  setInterval(() => { if (review) showTimeLeft(review, session.clock()); }, 1000);
}

start().catch((error) => {
  status.textContent = error.message || say('page.review.failed');
});
