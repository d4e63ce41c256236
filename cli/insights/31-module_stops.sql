-- Where learners stop: a learner who has not completed the course stopped at the module of their last event.
-- stop_rate: of the learners who reached the module, the share who stopped there.
CREATE TABLE module_stops AS
WITH last_events AS (
  SELECT e.learner, e.block FROM events e
  WHERE e.seq = (SELECT MAX(seq) FROM events f WHERE f.learner = e.learner)
),
stopped AS (
  SELECT b.module, COUNT(*) AS stopped FROM last_events l JOIN blocks b USING (block)
  JOIN learners r USING (learner) WHERE r.complete = 0 GROUP BY b.module
),
reached AS (
  SELECT b.module, COUNT(DISTINCT p.learner) AS reached FROM block_progress p JOIN blocks b USING (block)
  WHERE p.opened = 1 GROUP BY b.module
)
SELECT m.module, COALESCE(r.reached, 0) AS reached, COALESCE(s.stopped, 0) AS stopped,
       CASE WHEN r.reached > 0 THEN 1.0 * COALESCE(s.stopped, 0) / r.reached END AS stop_rate
FROM modules m LEFT JOIN reached r USING (module) LEFT JOIN stopped s USING (module)
ORDER BY m.position;
