-- What `tessera insights` loads: the course's structure, then the facts of every record that passed its checks
-- (the learner's own words only where the learner shared them). Every analysis after this file reads these.
CREATE TABLE settings (name TEXT PRIMARY KEY, value);
CREATE TABLE modules (module TEXT PRIMARY KEY, position INTEGER, title TEXT, estimated_minutes INTEGER);
CREATE TABLE blocks (block TEXT PRIMARY KEY, module TEXT, position INTEGER, type TEXT, title TEXT);
CREATE TABLE items (assessment TEXT, item TEXT, type TEXT, position INTEGER, PRIMARY KEY (assessment, item));
CREATE TABLE choices (assessment TEXT, item TEXT, choice TEXT, correct INTEGER, position INTEGER);
-- The modules each pre-test lets a learner skip (its testsOut).
CREATE TABLE tests_out (assessment TEXT, module TEXT);
-- Each scenario's meters, with the bounds the author declared (empty: none).
CREATE TABLE meters (scenario TEXT, meter TEXT, min REAL, max REAL);
CREATE TABLE survey_items (block TEXT, item TEXT, type TEXT, points INTEGER, position INTEGER);
-- One row per learner (a record's id: the hash of its first event). shares_text: the learner included their
-- own words (a completion proof made with them); a bare record never counts as that choice.
CREATE TABLE learners (learner TEXT PRIMARY KEY, source TEXT, complete INTEGER, time_on_task_s INTEGER,
                       shares_text INTEGER);
CREATE TABLE events (learner TEXT, seq INTEGER, t INTEGER, type TEXT, block TEXT);
CREATE TABLE block_progress (learner TEXT, block TEXT, opened INTEGER, completed INTEGER);
-- complete: as the runtime counts it (a module a pre-test lets the learner skip counts); studied: every block the
-- module needs for completion is completed. Complete but not studied: skipped by passing a pre-test.
CREATE TABLE module_progress (learner TEXT, module TEXT, complete INTEGER, studied INTEGER);
CREATE TABLE attempts (learner TEXT, block TEXT, assessment TEXT, kind TEXT, attempt INTEGER, submitted INTEGER,
                       score REAL, max REAL, passed INTEGER);
-- Each item of each submitted attempt: its mark, its maximum and the learner's answer (JSON).
CREATE TABLE item_marks (learner TEXT, assessment TEXT, attempt INTEGER, item TEXT, mark REAL, max_mark REAL,
                         answer TEXT);
CREATE TABLE mastery (learner TEXT, competency TEXT, assessed INTEGER, mastered INTEGER);
CREATE TABLE survey_answers (learner TEXT, block TEXT, item TEXT, points INTEGER, text TEXT);
CREATE TABLE scenario_runs (learner TEXT, block TEXT, scenario TEXT, ended INTEGER, ending TEXT, path TEXT);
-- Each meter's value at the ending of each ended run.
CREATE TABLE scenario_meters (learner TEXT, block TEXT, scenario TEXT, ending TEXT, meter TEXT, value REAL);
-- Inputs left out, with why; never analysed.
CREATE TABLE dropped (source TEXT, reason TEXT, detail TEXT);

-- What the analyses look learners' rows up by.
CREATE INDEX events_by_learner ON events (learner, seq);
CREATE INDEX progress_by_block ON block_progress (block, opened, completed);
CREATE INDEX marks_by_learner ON item_marks (learner, assessment, attempt);

-- The attempts item analysis reads, by kind: 'first' (each learner's first submitted attempt at an assessment)
-- and 'all' (every submitted attempt), each attempt a "usage" as Moodle calls it.
CREATE VIEW analysed_marks AS
  SELECT 'all' AS kind, assessment, learner || '#' || attempt AS usage, item, mark, max_mark AS maxmark
  FROM item_marks
  UNION ALL
  SELECT 'first', m.assessment, m.learner || '#' || m.attempt, m.item, m.mark, m.max_mark
  FROM item_marks m
  WHERE m.attempt = (SELECT MIN(f.attempt) FROM item_marks f WHERE f.learner = m.learner AND f.assessment = m.assessment);
