-- Items to review, each with its reason, from learners' first attempts: too easy (facility at least 0.95, Moodle's
-- "extremely easy" band), too hard (at most 0.05), negative discrimination (the better the rest of the attempt,
-- the worse this item), and a wrong choice nobody picks. Only items seen by at least min_group attempts.
CREATE TABLE item_flags AS
WITH settings_now AS (SELECT value AS min_group FROM settings WHERE name = 'min_group'),
seen AS (SELECT * FROM item_stats, settings_now WHERE kind = 'first' AND attempts >= min_group)
SELECT assessment, item, 'too easy' AS flag, printf('facility %.2f', facility) AS detail
FROM seen WHERE facility >= 0.95
UNION ALL
SELECT assessment, item, 'too hard', printf('facility %.2f', facility) FROM seen WHERE facility <= 0.05
UNION ALL
SELECT assessment, item, 'negative discrimination', printf('discrimination index %.1f', discrimination_index)
FROM seen WHERE discrimination_index < 0
UNION ALL
SELECT d.assessment, d.item, 'a distractor nobody picks', 'choice ' || d.choice
FROM distractors d, settings_now WHERE d.correct = 0 AND d.picked = 0 AND d.attempts >= min_group
ORDER BY 1, 2, 3, 4;
