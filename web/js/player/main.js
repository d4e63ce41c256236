// The HTML player page (player.html?course=ID): loads the runtime and the course, opens the learner's
// session from the stored record and renders each view. In an embed (…&embed=1) it also tells the host
// page about progress and completion with postMessage.
import { element, announce, languageName, SITE_ROOT } from '../shell.js';
import { credentialsInWorker, loadRuntime } from '../runtime.js';
import { loadCourse, fileSizes } from '../courses.js';
import { interfaceLanguage, learnerId, loadSettings, preferredLanguage, saveSettings } from '../settings.js';
import { readEvents, replaceEvents, StorageError } from '../store/db.js';
import { checkDurability, tellClockBehind } from '../store/durability.js';
import { showStorageProblem } from '../store/messages.js';
import { CourseSession } from './controller.js';
import { claimWriter } from '../store/sync.js';
import { renderBlock, renderOutline, renderResults } from './render.js';
import { loadPageCatalogue, say, useWords } from '../words.js';
import { watchDeadlines } from './actions.js';
import { lrsFor, sendsOwnWords } from '../lrs-config.js';
import { completionMoment, nextCourseLine } from './completion.js';

const params = new URLSearchParams(location.search);
const courseId = params.get('course');
const embedded = params.has('embed');
// Launched by an LMS from an exported package (tessera export): scorm12, scorm2004 or cmi5 (docs/lms.md).
const lmsVersion = ['scorm12', 'scorm2004'].includes(params.get('lms')) ? params.get('lms') : null;
const cmi5Launch = params.get('lms') === 'cmi5';
const status = document.getElementById('player-status');
const outline = document.getElementById('outline');
const blockArea = document.getElementById('block');
const resultsArea = document.getElementById('results');
const problemsRegion = document.getElementById('player-problems');
const titleHeading = document.getElementById('course-title');
const followBanner = document.getElementById('follow-banner');

if (embedded) document.documentElement.dataset.embed = 'true';

function postToHost(type, view) {
  if (!embedded || window.parent === window) return;
  window.parent.postMessage({
    source: 'tessera', type, course: courseId, percent: view.progress?.percent ?? 0,
    complete: Boolean(view.complete), position: view.position || null,
  }, '*');
}

// Says why the player cannot go on, in the learner's language: `message` is a catalogue key or an Error whose
// message is worded when read (CourseLoadError). The catalogue loads only now: a course that opens needs none.
async function fail(problem) {
  await loadPageCatalogue(interfaceLanguage(loadSettings(), 'learner'));
  const message = typeof problem === 'string' ? say(problem) : problem.message;
  status.textContent = message;
  status.dataset.state = 'failed';
  document.title = `Tessera — ${message}`;
}

async function start() {
  if (!courseId) {
    await fail('page.player.no-course');
    return;
  }
  const settings = loadSettings();
  // In an LMS, its learner id keys the record (so the learner's record on this device is theirs, and the
  // LMS's copy resumes on another computer); the SCORM module loads only then.
  const lms = lmsVersion ? (await import('../lms/scorm.js')).ScormConnection.connect(lmsVersion) : null;
  const cmi5 = cmi5Launch ? await connectCmi5() : null;
  const learner = lms?.learnerKey() || cmi5?.learnerKey() || learnerId();
  // The stored record is read, and the writer lock asked for, while the runtime compiles and the course
  // downloads (each is a round trip to the browser); a failure is handled where the session starts.
  let storedEvents = readEvents(learner, courseId);
  storedEvents.catch(() => {});
  const claim = claimWriter(learner, courseId);
  let runtime;
  let loaded;
  try {
    // Marks for the offline-reload budget's breakdown (scripts/lib/web-bench.mjs).
    const runtimePromise = loadRuntime().then((module) => { performance.mark('tessera-runtime-ready'); return module; });
    loaded = await loadCourse(courseId, runtimePromise);
    runtime = await runtimePromise;
    performance.mark('tessera-course-checked');
  } catch (error) {
    claim.release();
    await fail(error.name === 'CourseLoadError' ? error : 'page.player.no-start');
    if (error.detail) console.warn('Tessera:', error.detail);
    return;
  }
  const course = loaded.course;
  const language = (course.languages || []).includes(preferredLanguage(settings)) ? preferredLanguage(settings) : course.defaultLanguage;
  if (lms) storedEvents = lms.resume({ runtime, local: storedEvents, store: (events) => replaceEvents(learner, courseId, events) });
  const controller = new CourseSession({ runtime, learner, courseId, courseText: loaded.courseText, language });
  await controller.start({ storedEvents, claim });
  performance.mark('tessera-session-open');
  if (controller.storage === 'memory') {
    showStorageProblem(controller.storageError, () => ({ [courseId]: controller.events }));
  } else {
    tellClockBehind((controller.events.at(-1)?.t ?? 0) - controller.clock());
    checkDurability(learner, { hasProgress: controller.view.progress?.completedRequiredBlocks > 0, memoryRecords: () => ({ [courseId]: controller.events }) });
  }
  if (controller.view.closed) {
    await fail('page.player.invalid-course');
    console.warn('Tessera: course problems', JSON.stringify(controller.problems));
    controller.close();
    return;
  }
  if (controller.problems.length) {
    await loadPageCatalogue();
    problemsRegion.textContent = say('page.player.record-damaged');
    console.warn('Tessera: record problems', controller.problems);
  }
  // The canvas player opens the same stored record; never offered in low-bandwidth mode (its module is
  // large), in an embed, or without WebGL2.
  if (!embedded && !settings.lowBandwidth && 'WebGL2RenderingContext' in window && loaded.folder.href.startsWith(SITE_ROOT.href)) {
    const link = document.getElementById('switch-player');
    link.href = `canvas.html?course=${encodeURIComponent(loaded.folder.href.slice(SITE_ROOT.href.length))}&id=${encodeURIComponent(courseId)}`;
    link.hidden = false;
  }
  const languageSwitch = languageChoice(course.languages || []);
  const ui = { itemIndex: null, hintsShown: {} };
  const fired = new Set();  // deadlines whose action was sent (watchDeadlines)
  let stopWatching = () => {};
  let lastScreen = null;
  let lastProgress = -1;
  let proving = Promise.resolve();  // the completion proof being signed, if any
  const sizes = fileSizes(loaded.manifest);

  // Actions in flight: tests and benchmarks wait for 0.
  let busy = 0;
  const setBusy = (delta) => {
    busy += delta;
    document.body.dataset.busy = String(busy);
  };
  const ctx = {
    async chain(steps) {
      setBusy(1);
      try {
        return await steps();
      } finally {
        setBusy(-1);
      }
    },
    get view() { return controller.view; },
    now: () => controller.clock(),
    ui,
    lowBandwidth: Boolean(settings.lowBandwidth),
    sizes,
    markdown: (text) => runtime.markdownToHtml(text),
    resolveUrl: (path) => new URL(path, loaded.folder).href,
    setItem(index) {
      ui.itemIndex = index;
      draw({ focus: true });
    },
    // Sends an action; resolves true when it was stored. options.itemIndex moves within an attempt,
    // options.quiet keeps focus where it is unless the screen changes, options.saved says it was saved.
    act(action, options = {}) {
      return ctx.chain(() => ctx.actNow(action, options));
    },
    async actNow(action, options) {
      problemsRegion.textContent = '';
      let result;
      try {
        result = await controller.act(action);
      } catch (error) {
        if (error instanceof StorageError) {
          showStorageProblem(error, () => ({ [courseId]: controller.events }));
          draw({ focus: false });
          return false;
        }
        throw error;
      }
      if (!result.ok) {
        problemsRegion.textContent = result.problems.map((p) => p.message + (p.hint ? ` (${p.hint})` : '')).join(' ');
        return false;
      }
      tellClockBehind(result.event?.payload?.clockSkewMs);
      if ('itemIndex' in options) ui.itemIndex = options.itemIndex;
      const view = controller.view;
      if (action.type === 'submit-attempt' || action.type === 'start-attempt') ui.itemIndex = null;
      if (action.type === 'submit-attempt') {
        const attempt = view.current?.assessment?.attempt;
        if (attempt?.submitted) announce([attempt.resultText, attempt.scoreText].filter(Boolean).join('. '));
      }
      if (options.saved) announce(view.words['ui.saved']);
      if (action.type === 'open') ui.itemIndex = null;
      if (action.type.startsWith('scenario-')) {
        // The consequence of a choice, said once in the polite live region (the screen also shows it).
        const sc = view.current?.scenario;
        const said = [sc?.feedback, sc?.ending?.outcome].filter(Boolean).join('. ');
        if (said) announce(said);
      }
      draw({ focus: !options.quiet });
      return true;
    },
  };

  function screenKey(view) {
    const attempt = view.current?.assessment?.attempt;
    const sc = view.current?.scenario;
    return `${view.position}|${sc ? `${sc.run}:${sc.step}:${sc.node?.id}|` : ''}${attempt ? `${attempt.number}:${attempt.submitted}:${ui.itemIndex}` : ''}|${view.modules.find((m) => m.id === view.current?.module)?.blocks.find((b) => b.id === view.current?.id)?.status}`;
  }

  function draw({ focus }) {
    const view = controller.view;
    // The page's own words are in the interface's language; the course's text says its own (content.js).
    document.documentElement.lang = view.interface.lang;
    document.documentElement.dir = view.interface.dir;
    titleHeading.textContent = view.title;
    titleHeading.lang = view.language;
    titleHeading.dir = view.dir;
    document.title = `${view.title} — Tessera`;
    languageSwitch?.update(view);
    useWords(view.words);
    stopWatching();
    renderOutline(outline, ctx);
    renderBlock(blockArea, ctx);
    renderResults(resultsArea, ctx);
    stopWatching = watchDeadlines(ctx, () => draw({ focus: false }), fired);
    followBanner.hidden = controller.writer;
    const key = screenKey(view);
    if (focus || key !== lastScreen) {
      const heading = blockArea.querySelector('#item-heading, #result-heading, #scenario-node') || blockArea.querySelector('#block-heading');
      if (lastScreen !== null || focus) heading?.focus();
    }
    lastScreen = key;
    if (view.progress?.percent !== lastProgress) {
      lastProgress = view.progress?.percent;
      postToHost('progress', view);
    }
    if (view.complete && !document.getElementById('complete-banner')) {
      const proofStatus = element('span', { id: 'proof-status' });
      const privateChoice = privateTextChoice(proofStatus);
      const banner = element('div', { id: 'complete-banner', className: 'banner banner-done', role: 'status' },
        element('p', { id: 'completion-text', text: view.completion.text }), element('p', { id: 'completion-earns', text: view.completion.earns }),
        completionMoment(view.completion), element('p', {}, proofStatus), privateChoice);
      blockArea.closest('.player-layout').before(banner);
      postToHost('completion', view);
      if (controller.writer) proving = proveCompletion(proofStatus, privateChoice);
      if (!embedded) showNextCourse(banner).catch((error) => console.warn('Tessera: no next course', error));
    }
    if (document.body.dataset.ready !== 'true') performance.mark('tessera-interactive');
    document.body.dataset.ready = 'true';
    document.body.dataset.events = String(view.events);
  }

  // The learner's choice, for this course, to put what they wrote for themself in the proof (off unless they
  // tick it). Shown once a proof exists and withholds something, or already includes it; ticking it re-signs.
  function privateTextChoice(proofStatus) {
    const box = element('input', { type: 'checkbox', id: 'proof-include-private', 'aria-describedby': 'proof-include-private-hint' });
    const choice = element('p', { id: 'proof-private', hidden: true }, box, ' ',
      element('label', { for: 'proof-include-private', text: controller.view.completion.includePrivate }), ' ',
      element('span', { id: 'proof-include-private-hint', className: 'hint' }));
    loadPageCatalogue().then(() => { choice.querySelector('.hint').textContent = say('page.player.private-hint'); });
    // One signing at a time, each with the box's state when it runs, so the last change wins.
    box.addEventListener('change', () => { proving = proving.then(() => proveCompletion(proofStatus, choice, box.checked)); });
    return choice;
  }

  // Signs the completion proof into the wallet (once per record and choice) and offers it: the wallet, a
  // download, and the verifier page. A preview copy or a storage failure says why there is no proof.
  async function proveCompletion(proofStatus, privateChoice, includePrivate) {
    await loadPageCatalogue();  // the proof's status is the page's to say
    proofStatus.textContent = say('page.player.signing');
    try {
      // The wallet code and the credentials worker load only now: they are not part of the first load.
      const [{ signCompletionProof, verifierLink, withheldEvents }, { downloadJson }, credentials] = await Promise.all([
        import('../wallet.js'), import('../store/transfer.js'), credentialsInWorker()]);
      const row = await signCompletionProof({
        credentials, learner: controller.learner, courseId, courseText: loaded.courseText, events: controller.events,
        manifestText: loaded.manifestText, title: controller.view.title, includePrivate,
      });
      const box = privateChoice.querySelector('input');
      box.checked = Boolean(row.includesPrivate);
      privateChoice.hidden = !row.includesPrivate && withheldEvents(row.document) === 0;
      proofStatus.replaceChildren(say('page.player.proof-in'),
        element('a', { href: 'dashboard.html#wallet-heading', text: say('page.player.your-wallet') }), '. ',
        element('button', { type: 'button', id: 'download-proof', text: say('page.player.download-proof'), onclick: () => downloadJson(row.document, `${courseId}-completion-proof.json`) }),
        ' ', element('a', { href: verifierLink(row.document), id: 'check-proof', text: say('page.player.check-proof') }),
        ' ', element('a', { href: `certificate.html?id=${encodeURIComponent(row.id)}`, id: 'share-proof', text: say('page.player.share') }));
      document.body.dataset.proof = row.id;
      document.body.dataset.proofPrivate = String(Boolean(row.includesPrivate));
    } catch (error) {
      proofStatus.textContent = error.name === 'StorageError'
        ? say('page.player.proof-not-saved')
        : error.message;
      document.body.dataset.proof = 'none';
    }
  }

  // The next course of a pathway that holds this one, among those without a completion proof on this device.
  async function showNextCourse(banner) {
    const { walletRows } = await import('../wallet.js');
    const rows = await walletRows().catch(() => []);
    await loadPageCatalogue();
    const completed = rows.filter((row) => row.kind === 'completion-proof').map((row) => row.course);
    const line = await nextCourseLine(runtime, courseId, completed);
    if (line) banner.append(line);
    document.body.dataset.nextCourse = line ? line.querySelector('a').dataset.course : 'none';
  }

  // A language switch keeps the place (the view is made again at the same position), the deadline (the
  // runtime's, from the attempt's start) and what the learner has entered but not sent (keptAnswers).
  const switchLanguage = (language) => {
    const restore = keptAnswers(blockArea);
    controller.setLanguage(language);
    draw({ focus: false });
    restore();
  };
  // The learner's choice, remembered for every page (the player's page has no header control: shell.js).
  languageSwitch?.select.addEventListener('change', () => {
    saveSettings({ language: languageSwitch.select.value });
    switchLanguage(languageSwitch.select.value);
  });
  controller.subscribe((view, reason) => {
    if (reason === 'writer') loadPageCatalogue().then(() => announce(say('page.player.writer-again')));
    draw({ focus: false });
  });
  status.textContent = '';
  status.hidden = true;
  draw({ focus: false });
  window.addEventListener('pagehide', () => controller.close());
  if (lms) reportToLms(lms, controller);
  // Tracking to an LRS needs the outbox (IndexedDB): a failure leaves the course playing, untracked.
  const untracked = (error) => console.warn('Tessera: no xAPI tracking', error);
  if (cmi5) await reportToLrs(cmi5, controller).catch(untracked);
  const lrs = !lms && !cmi5 && controller.storage === 'ok' ? lrsFor(params, course) : null;
  const sender = lrs ? await trackToLrs(lrs, controller).catch(untracked) : null;
  // A reflection says where it goes: to the LRS too when the learner chose so and statements are being sent.
  if ((cmi5?.sender || sender) && sendsOwnWords(courseId)) {
    ctx.ownWordsSent = true;
    draw({ focus: false });
  }
  window.tesseraPlayer = { controller, ui, lms, cmi5, sender };  // for tests and benchmarks
}

// Keeps the LMS told: after every stored event and now, the runtime's tracking report and the record as it may
// leave the device; commits when the page is hidden and finishes on pagehide. Tells the learner when the LMS has
// room for only part of the record.
function reportToLms(lms, controller) {
  const startSeconds = controller.view.timeOnTaskSeconds || 0;
  const track = () => {
    const report = JSON.parse(controller.session.trackingReport());
    return lms.track(report, JSON.parse(controller.session.sharedEvents()), report.timeOnTaskSeconds - startSeconds);
  };
  lms.onSaved = async ({ kept, total }) => {
    const notice = document.getElementById('lms-notice');
    if (kept >= total) {
      if (notice) notice.hidden = true;
      return;
    }
    await loadPageCatalogue();
    notice.textContent = say('page.player.lms-partial', { kept, total });
    notice.hidden = false;
  };
  controller.onStored = track;
  track();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') lms.commitSoon();
  });
  window.addEventListener('pagehide', () => lms.finish());
}

// The cmi5 launch (web/js/lms/cmi5.js, loaded only now), or null when the LMS's side of it fails: the course
// then plays for this device's learner.
async function connectCmi5() {
  try {
    return await (await import('../lms/cmi5.js')).Cmi5Launch.connect(params);
  } catch (error) {
    console.warn('Tessera: the cmi5 launch failed', error);
    return null;
  }
}

// The learner is told that an LRS receives what they do, what is sent, and how much waits (`word`: the
// catalogue key of the sentence). Returns the function that brings the count up to date for `sender`.
function trackingNotice(word) {
  const notice = element('p', { id: 'lrs-tracking', class: 'banner', role: 'status' });
  document.getElementById('lms-notice').after(notice);
  let sender = null;
  const update = async () => {
    const { waiting } = await import('../lms/outbox.js');
    notice.textContent = say(word, { count: sender ? (await waiting(sender.key)).length : 0 });
  };
  return { notice, update, tracks: (s) => { sender = s; return update(); } };
}

// cmi5: statements to the LMS's LRS through the outbox, and a way back to the LMS (terminated is sent first).
async function reportToLrs(cmi5, controller) {
  await loadPageCatalogue();
  const includePrivate = sendsOwnWords(courseId);
  const { notice, update, tracks } = trackingNotice(includePrivate ? 'page.player.lrs-tracking-private' : 'page.player.lrs-tracking');
  await tracks(await cmi5.track(controller, () => update(), { includePrivate }));
  if (cmi5.launchData.returnURL) {
    const back = element('button', { type: 'button', id: 'lms-return', text: say('page.player.lms-return') });
    back.addEventListener('click', () => cmi5.leave());
    notice.after(back);
  }
  window.addEventListener('pagehide', () => cmi5.terminate());
}

// Plain xAPI to the LRS the embedding page, the settings or the course name (lrs-config.js): the learner is the device's
// (an account on this site), the course its urn:tessera:course IRI. The learner's own words go too only when they
// chose so for this course in the settings, and the notice then says so.
async function trackToLrs(lrs, controller) {
  await loadPageCatalogue();
  const includePrivate = sendsOwnWords(courseId);
  const word = includePrivate ? 'page.player.lrs-tracking-private' : lrs.from === 'page' ? 'page.player.lrs-tracking' : 'page.player.lrs-tracking-settings';
  const { update, tracks } = trackingNotice(word);
  const { startTracking } = await import('../lms/xapi.js');
  const sender = await startTracking({
    controller, endpoint: lrs.endpoint, headers: () => (lrs.auth ? { Authorization: lrs.auth } : {}), includePrivate,
    actor: { objectType: 'Agent', account: { homePage: location.origin, name: controller.learner } },
    activity: `urn:tessera:course:${courseId}`, onChange: () => update(),
  });
  await tracks(sender);
  window.addEventListener('pagehide', () => sender.sendOnLeave());
  return sender;
}

// What the learner has entered in `area` and not sent yet (choices ticked, text typed, options selected), by
// each control's item (data-item) and place among the item's controls, which do not depend on the language
// (the controls' ids are counted afresh at each drawing); returns what puts it back into the redrawn controls.
function keptAnswers(area) {
  const controls = () => [...area.querySelectorAll('input, textarea, select')].map((control) => {
    const item = control.closest('[data-item]');
    const siblings = item ? [...item.querySelectorAll('input, textarea, select')] : [];
    return [`${item?.dataset.item}|${siblings.indexOf(control)}`, control];
  });
  const kept = controls().map(([key, control]) => [key,
    control.type === 'radio' || control.type === 'checkbox' ? control.checked : control.value]);
  return () => {
    const now = new Map(controls());
    for (const [key, value] of kept) {
      const control = now.get(key);
      if (!control) continue;
      if (typeof value === 'boolean') control.checked = value;
      else control.value = value;
    }
  };
}

// The course's languages to switch between, each named in its own language, labelled with the view's
// word for it; switching keeps the place (the view is made again for the new language). Null when the
// course has one language.
function languageChoice(languages) {
  if (languages.length < 2) return null;
  const select = element('select', { id: 'language-switch' },
    languages.map((lang) => element('option', { value: lang, lang, text: languageName(lang) })));
  const label = element('label', { for: 'language-switch' });
  titleHeading.after(element('p', { className: 'player-language' }, label, ' ', select));
  return {
    select,
    update(view) {
      label.textContent = view.words['language.switch'];
      select.value = view.language;
    },
  };
}

start().catch((error) => {
  console.error('Tessera player failed:', error);
  fail('page.player.stopped');
});
