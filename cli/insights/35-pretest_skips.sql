-- Pre-test skip rates: per pre-test and each module it lets learners skip, the learners who submitted the
-- pre-test, how many of them passed it, and how many skipped the module by it (the runtime counts the module
-- complete although its blocks are not all done). skip_rate: skipped over the learners who took the pre-test.
CREATE TABLE pretest_skips AS
WITH took AS (
  SELECT assessment, learner, MAX(passed) AS passed FROM attempts
  WHERE kind = 'pre' AND submitted = 1 GROUP BY assessment, learner
)
SELECT o.assessment, o.module, COUNT(t.learner) AS took, COALESCE(SUM(t.passed), 0) AS passed,
       COALESCE(SUM(p.complete = 1 AND p.studied = 0), 0) AS skipped,
       CASE WHEN COUNT(t.learner) > 0 THEN 1.0 * COALESCE(SUM(p.complete = 1 AND p.studied = 0), 0) / COUNT(t.learner)
       END AS skip_rate
FROM tests_out o JOIN modules m USING (module)
     LEFT JOIN took t USING (assessment)
     LEFT JOIN module_progress p ON p.learner = t.learner AND p.module = o.module
GROUP BY o.assessment, o.module ORDER BY o.assessment, m.position;
