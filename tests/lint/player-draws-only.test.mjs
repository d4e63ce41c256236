// The canvas player only draws (issue 18): nothing in player/ includes the runtime's assessment, mastery or
// scenario headers, reads the session's state or summary, or scores — every screen draws from the view; its
// only buttons of kind `button` are the view's actions (PlayerApp::action_button), and its own buttons take
// their labels from the view's words, not from English in C++.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLAYER = join(ROOT, 'player');

// What a player that only draws never writes, each with why.
const FORBIDDEN = [
  { pattern: /#\s*include\s*["<]tessera\/(assess|assessment|mastery|scenario)\.hpp[">]/, why: 'includes a scoring or scenario header' },
  { pattern: /(\.|->)\s*state\s*\(\s*\)/, why: 'reads the session\'s state (draw from Session::view)' },
  { pattern: /(\.|->)\s*summary\s*\(\s*\)/, why: 'reads the session\'s summary (the view holds its fields)' },
  { pattern: /\b(assess|mastery|scenario)::/, why: 'calls the runtime\'s scoring, mastery or scenario code' },
  { pattern: /own_button\(\s*[^,]+,\s*"/, why: 'labels its own button with a literal (use word("ui.…"))' },
  { pattern: /\b(primary|secondary)_button\(/, why: 'draws a button outside the view\'s actions and the player\'s own kinds' },
];
// Only widgets.cpp, where action_button draws the view's actions, makes a Control of kind "button".
const ACTION_KIND = /\{\s*"button"/;

// C++ without its comments, so a comment may name what the code must not do.
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

function offences(text) {
  const found = [];
  code(text).split('\n').forEach((line, index) => {
    for (const { pattern, why } of FORBIDDEN) {
      if (pattern.test(line)) found.push(`line ${index + 1}: ${why}: ${line.trim()}`);
    }
  });
  return found;
}

function sources(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (/\.(cpp|hpp|h)$/.test(entry.name)) out.push(path);
  }
  return out;
}

test('the check finds each forbidden line, and not one only named in a comment', () => {
  const lines = [
    '#include "tessera/assess.hpp"', '#include <tessera/scenario.hpp>', '  # include "tessera/mastery.hpp"',
    'const auto& s = session_->state();', 'json x = session_ -> summary ();', 'auto r = assess::score_item(item, response);',
    'if (own_button("x", "Try again", "nav")) go(Screen::block);', 'primary_button("continue", label);',
  ];
  for (const line of lines) assert.equal(offences(line).length, 1, line);
  assert.deepEqual(offences('// never call session_->state() here\nint x = 0; /* nor summary() */'), []);
  assert.deepEqual(offences('#include "tessera/session.hpp"\nview_ = session_->view(language_);'), []);
  assert.deepEqual(offences('if (own_button("nav-wallet", word("ui.wallet"), "nav")) go(Screen::wallet);'), []);
});

test('player/ draws from the view: no scoring header, no state() or summary(), no scoring call, no button of its own words', () => {
  const files = sources(PLAYER);
  assert.ok(files.length >= 10, `${files.length} player sources found`);
  const found = files.flatMap((file) => offences(readFileSync(file, 'utf8')).map((o) => `${relative(ROOT, file)} ${o}`));
  for (const file of files.filter((f) => !f.endsWith('widgets.cpp'))) {
    if (ACTION_KIND.test(code(readFileSync(file, 'utf8')))) found.push(`${relative(ROOT, file)}: makes a widget of kind "button" (only action_button does)`);
  }
  assert.deepEqual(found, []);
});
