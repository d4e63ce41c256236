-- Per assessment with a pass mark: learners who submitted an attempt, how many passed, and on which attempt on
-- average they first passed.
CREATE TABLE attempts_to_pass AS
WITH first_passes AS (
  SELECT learner, assessment, MIN(attempt) AS attempt FROM attempts WHERE passed = 1 GROUP BY learner, assessment
),
tried AS (
  SELECT assessment, kind, COUNT(DISTINCT learner) AS learners FROM attempts WHERE submitted = 1
  GROUP BY assessment, kind
)
SELECT t.assessment, t.kind, t.learners, COUNT(f.learner) AS passed, AVG(f.attempt) AS mean_attempts_to_pass,
       MAX(f.attempt) AS most_attempts_to_pass
FROM tried t LEFT JOIN first_passes f USING (assessment)
WHERE t.kind <> 'formative' GROUP BY t.assessment ORDER BY t.assessment;
