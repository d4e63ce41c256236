-- Time on task per module against its declared estimatedMinutes, over the learners who completed it. Time is
-- counted as the runtime counts it: the gap before each event, at most 5 minutes (the idle cap), goes to the
-- module of the event's block.
CREATE TABLE module_time AS
WITH gaps AS (
  SELECT e.learner, b.module,
         MIN(MAX(e.t - LAG(e.t) OVER (PARTITION BY e.learner ORDER BY e.seq), 0), 300000) AS gap_ms
  FROM events e JOIN blocks b USING (block)
),
per_learner AS (
  SELECT g.learner, g.module, SUM(COALESCE(g.gap_ms, 0)) / 60000.0 AS minutes
  FROM gaps g JOIN module_progress p ON p.learner = g.learner AND p.module = g.module AND p.complete = 1
  GROUP BY g.learner, g.module
),
ranked AS (
  SELECT module, minutes, ROW_NUMBER() OVER (PARTITION BY module ORDER BY minutes) AS r,
         COUNT(*) OVER (PARTITION BY module) AS n
  FROM per_learner
),
medians AS (
  SELECT module, AVG(minutes) AS median_minutes FROM ranked WHERE r IN ((n + 1) / 2, (n + 2) / 2) GROUP BY module
)
SELECT m.module, m.estimated_minutes AS declared_minutes, COUNT(p.learner) AS learners,
       d.median_minutes, AVG(p.minutes) AS mean_minutes,
       CASE WHEN m.estimated_minutes > 0 THEN d.median_minutes / m.estimated_minutes END AS median_to_declared
FROM modules m LEFT JOIN per_learner p USING (module) LEFT JOIN medians d USING (module)
GROUP BY m.module ORDER BY m.position;
