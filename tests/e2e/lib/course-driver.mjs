// Plays a course in the HTML player with the keyboard only (Tab, Shift+Tab, arrows, Space, Enter and
// typing — never a click), following the buttons the view's actions make, driven by an answers file:
// { blocks: {blockId: {...}}, items: {itemId: {...}} }.
// Item answers: choose [label texts], type [texts, one per field], order [texts], match {premise: target},
// point {x, y}, certainty (its label: "Not sure", "Fairly sure" or "Very sure"). Reading the page (to know
// where focus is) is allowed; acting on it is keys only.

export async function focusedMatches(page, selector) {
  return page.evaluate((s) => Boolean(document.activeElement && document.activeElement.matches(s)), selector);
}

// Presses Tab until the focused element matches `selector` (Shift+Tab when `backwards`).
export async function tabTo(page, selector, { max = 120, backwards = false } = {}) {
  for (let i = 0; i < max; i += 1) {
    if (await focusedMatches(page, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`keyboard: could not reach "${selector}" with Tab`);
}

export async function activate(page, selector) {
  await tabTo(page, selector);
  await page.keyboard.press('Enter');
}

// Waits until the player has settled after an action (the event count or screen changed).
async function settle(page, before) {
  await page.waitForFunction((b) => document.body.dataset.ready === 'true' && (document.body.dataset.busy || '0') === '0' && window.screenKey() !== b, before, { timeout: 10000 })
    .catch(() => {});
}

async function labelOfFocused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent.trim() : null;
  });
}

// Tabs into a radio group and picks the option with this label by arrow keys and Space.
async function chooseRadio(page, selector, label) {
  await tabTo(page, selector);
  for (let i = 0; i < 20; i += 1) {
    if ((await labelOfFocused(page)) === label) {
      await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`keyboard: no option "${label}" in ${selector}`);
}

async function answerItem(page, spec) {
  if (spec.choose) {
    const kind = await page.evaluate(() => document.querySelector('fieldset.item > .choices input')?.type);
    if (kind === 'radio') {
      await chooseRadio(page, 'fieldset.item > .choices input[type=radio]', spec.choose[0]);
    } else {
      const ids = await page.evaluate(() => [...document.querySelectorAll('fieldset.item > .choices input')].map((i) => i.id));
      for (const id of ids) {
        await tabTo(page, `#${id}`);
        const wanted = spec.choose.includes(await labelOfFocused(page));
        const checked = await page.evaluate((i) => document.getElementById(i).checked, id);
        if (wanted !== checked) await page.keyboard.press('Space');
      }
    }
  }
  if (spec.type) {
    const ids = await page.evaluate(() => [...document.querySelectorAll('fieldset.item input[type=text], fieldset.item textarea')].map((i) => i.id));
    for (let i = 0; i < ids.length; i += 1) {
      await tabTo(page, `#${ids[i]}`);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(spec.type[i] ?? '');
    }
  }
  if (spec.order) {
    for (let target = 0; target < spec.order.length; target += 1) {
      const text = spec.order[target];
      for (let guard = 0; guard < spec.order.length; guard += 1) {
        const at = await page.evaluate((t) => [...document.querySelectorAll('.ordering .ordering-text')].findIndex((e) => e.textContent === t), text);
        if (at <= target) break;
        const id = await page.evaluate((t) => [...document.querySelectorAll('.ordering li')].find((li) => li.querySelector('.ordering-text').textContent === t).dataset.option, text);
        await tabTo(page, `.ordering button[data-move=up][data-option="${id}"]`);
        await page.keyboard.press('Enter');
        await page.waitForFunction(([t, n]) => [...document.querySelectorAll('.ordering .ordering-text')].findIndex((e) => e.textContent === t) === n, [text, at - 1]);
      }
    }
  }
  if (spec.match) {
    for (const [premise, target] of Object.entries(spec.match)) {
      const id = await page.evaluate((p) => [...document.querySelectorAll('.match label')].find((l) => l.textContent === p)?.htmlFor, premise);
      await tabTo(page, `#${id}`);
      for (let i = 0; i < 20; i += 1) {
        const shown = await page.evaluate((s) => { const el = document.getElementById(s); return el.options[el.selectedIndex].text; }, id);
        if (shown === target) break;
        await page.keyboard.press('ArrowDown');
      }
    }
  }
  if (spec.certainty) await chooseRadio(page, 'fieldset.item fieldset.certainty input[type=radio]', spec.certainty);
  if (spec.point) {
    await tabTo(page, '.hotspot');
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 200; i += 1) {
      const [x, y] = await page.evaluate(() => (document.querySelector('.hotspot-position').textContent.match(/x (\d+), y (\d+)/) || []).slice(1).map(Number));
      const dx = spec.point.x - x;
      const dy = spec.point.y - y;
      if (Math.abs(dx) <= 4 && Math.abs(dy) <= 3) break;
      const key = Math.abs(dx) > 4 ? (dx > 0 ? 'ArrowRight' : 'ArrowLeft') : (dy > 0 ? 'ArrowDown' : 'ArrowUp');
      const big = Math.abs(dx) > 4 ? Math.abs(dx) >= 40 : Math.abs(dy) >= 30;
      await page.keyboard.press(big ? `Shift+${key}` : key);
    }
  }
}

// The screen the player shows, as a short description: `actions` are the types of the enabled action
// buttons of the block (the view's actions), `primary` the type of the enabled one the screen leads with.
export async function screen(page) {
  return page.evaluate(() => {
    const block = document.getElementById('block');
    const form = block.querySelector('form.item-form');
    const item = form ? block.querySelector('fieldset.item')?.dataset.item : null;
    const questions = [...block.querySelectorAll('.question-list button[data-item]')];
    const enabled = [...block.querySelectorAll('[data-action]')].filter((b) => b.getAttribute('aria-disabled') !== 'true');
    return {
      block: block.dataset.block, type: block.dataset.type, status: block.dataset.status, events: Number(document.body.dataset.events),
      complete: Boolean(document.getElementById('complete-banner')),
      item,
      itemIndex: form ? Number(form.dataset.itemIndex) : null,
      itemAnswered: questions.some((b) => b.dataset.item === item && b.dataset.answered === 'true'),
      unanswered: questions.filter((b) => b.dataset.answered !== 'true').map((b) => b.dataset.item),
      actions: enabled.map((b) => b.dataset.action),
      primary: enabled.find((b) => b.classList.contains('primary'))?.dataset.action ?? null,
      reflection: Boolean(block.querySelector('#reflection-text')),
      survey: Boolean(block.querySelector('form.survey')),
      itemType: form ? block.querySelector('fieldset.item')?.dataset.type : null,
      scenarioNode: block.querySelector('.scenario')?.dataset.node || null,
      scenarioEnded: Boolean(block.querySelector('.scenario-ending')),
    };
  });
}

async function installScreenKey(page) {
  await page.evaluate(() => {
    window.screenKey = () => `${document.body.dataset.events}|${document.getElementById('block').dataset.block}|${document.querySelector('form.item-form')?.dataset.itemIndex ?? ''}|${document.querySelector('#block [data-action]')?.dataset.action ?? ''}`;
  });
}

// The enabled button of the block for an action of this type (and choice).
export const actionButton = (type, choice) => `#block [data-action="${type}"]${choice ? `[data-choice="${choice}"]` : ''}:not([aria-disabled=true])`;

// Answers the survey on screen with the keyboard and submits it. spec: {likert: {item: point}, text: {item: text}}.
export async function fillSurvey(page, spec) {
  for (const [id, value] of Object.entries(spec.likert || {})) {
    await tabTo(page, `input[name="survey-${id}"]`);
    for (let i = 0; i < 10 && !(await focusedMatches(page, `#survey-${id}-${value}`)); i += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
  }
  for (const [id, value] of Object.entries(spec.text || {})) {
    await tabTo(page, `#survey-${id}`);
    await page.keyboard.type(value);
  }
  await activate(page, actionButton('submit-survey'));
}

// Plays until the course is complete, or until `stop(screen)` returns true, following each screen's
// primary action and answering what asks for an answer. Calls onScreen(screen) on every new screen (for
// axe checks and screenshots). Returns the last screen. `itemSpec(screen)` gives an item's answer spec
// (default: answers.items by item id); `scenarioChoice(screen)` the choice id to take on a scenario node
// (default: answers.scenarioChoices[block][node]).
export async function playCourse(page, answers, {
  stop = () => false, onScreen = async () => {}, maxSteps = 300,
  itemSpec = async (now) => answers.items?.[now.item] || {},
  scenarioChoice = async (now) => answers.scenarioChoices?.[now.block]?.[now.scenarioNode],
} = {}) {
  await installScreenKey(page);
  // Items answered here: an answer left empty is stored but not counted as answered, and is not asked again.
  const handled = new Set();
  for (let step = 0; step < maxSteps; step += 1) {
    const now = await screen(page);
    now.itemAnswered ||= handled.has(now.item);
    now.unanswered = now.unanswered.filter((id) => !handled.has(id));
    await onScreen(now);
    if (now.complete || stop(now)) return now;
    const before = await page.evaluate(() => window.screenKey());
    const blockSpec = answers.blocks?.[now.block] || {};
    const choice = now.scenarioNode !== null && !now.scenarioEnded ? await scenarioChoice(now) : undefined;
    if (now.item && !now.itemAnswered) {
      handled.add(now.item);
      await answerItem(page, await itemSpec(now));
      await activate(page, actionButton('answer'));
    } else if (now.item && now.unanswered.length) {
      await activate(page, `.question-list button[data-item="${now.unanswered[0]}"]`);
    } else if (choice) {
      await activate(page, actionButton('scenario-choose', choice));
    } else if (now.reflection && now.primary === 'reflect') {
      await tabTo(page, '#reflection-text');
      await page.keyboard.type(blockSpec.reflection || 'A thought.');
      await activate(page, actionButton('reflect'));
    } else if (now.survey) {
      await fillSurvey(page, blockSpec);
    } else if (now.primary) {
      if (now.primary === 'start-attempt') handled.clear();  // a new attempt asks every item again
      await activate(page, `#block [data-action].primary:not([aria-disabled=true])`);
      // Submitting with an answer left empty asks first (the view's `confirm`): the answers file meant it.
      if (await page.locator('dialog.confirm[open]').count()) await activate(page, 'dialog.confirm [data-confirm=accept]');
    } else {
      throw new Error(`keyboard: no way forward on screen ${JSON.stringify(now)}`);
    }
    await settle(page, before);
  }
  throw new Error('keyboard: the course did not finish within the step limit');
}
