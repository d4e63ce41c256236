-- Item analysis as Moodle's quiz statistics define it (question/classes/statistics/questions/calculator.php):
-- for each item, over the attempts it appeared in, its mark x and the rest of the attempt's marks X - x.
-- One row per attempt kind ('first': each learner's first submitted attempt; 'all'), assessment and item.
CREATE TABLE item_stats AS
WITH marked AS (
  SELECT kind, assessment, usage, item, mark, maxmark,
         SUM(mark) OVER (PARTITION BY kind, assessment, usage) - mark AS other,
         SUM(mark) OVER (PARTITION BY kind, assessment, usage) AS total
  FROM analysed_marks
),
means AS (
  SELECT kind, assessment, item, COUNT(*) AS s, MAX(maxmark) AS maxmark, AVG(mark) AS mark_mean,
         AVG(other) AS other_mean, AVG(total) AS total_mean
  FROM marked GROUP BY kind, assessment, item
),
deviations AS (
  SELECT m.kind, m.assessment, m.item, m.mark - e.mark_mean AS dmark, m.other - e.other_mean AS dother,
         m.total - e.total_mean AS dtotal
  FROM marked m JOIN means e USING (kind, assessment, item)
),
-- The largest covariance the two columns could have: each sorted on its own and paired by rank.
sorted_marks AS (
  SELECT kind, assessment, item, dmark AS d,
         ROW_NUMBER() OVER (PARTITION BY kind, assessment, item ORDER BY dmark) AS r
  FROM deviations
),
sorted_others AS (
  SELECT kind, assessment, item, dother AS d,
         ROW_NUMBER() OVER (PARTITION BY kind, assessment, item ORDER BY dother) AS r
  FROM deviations
),
max_sums AS (
  SELECT a.kind, a.assessment, a.item, SUM(a.d * b.d) AS covariance_max_sum
  FROM sorted_marks a JOIN sorted_others b USING (kind, assessment, item, r)
  GROUP BY a.kind, a.assessment, a.item
),
sums AS (
  SELECT kind, assessment, item, SUM(dmark * dmark) AS mark_sq, SUM(dother * dother) AS other_sq,
         SUM(dmark * dother) AS cross_sum, SUM(dmark * dtotal) AS overall_sum
  FROM deviations GROUP BY kind, assessment, item
),
moments AS (
  SELECT e.kind, e.assessment, e.item, e.s, e.maxmark, e.mark_mean,
         CASE WHEN e.s > 1 THEN u.mark_sq / (e.s - 1) END AS mark_variance,
         CASE WHEN e.s > 1 THEN u.other_sq / (e.s - 1) END AS other_mark_variance,
         CASE WHEN e.s > 1 THEN u.cross_sum / (e.s - 1) END AS covariance,
         CASE WHEN e.s > 1 THEN x.covariance_max_sum / (e.s - 1) END AS covariance_max,
         CASE WHEN e.s > 1 THEN u.overall_sum / (e.s - 1) END AS covariance_with_total
  FROM means e JOIN sums u USING (kind, assessment, item) JOIN max_sums x USING (kind, assessment, item)
),
weights AS (
  SELECT kind, assessment, SUM(CASE WHEN covariance_with_total >= 0 THEN sqrt(covariance_with_total) END) AS root_sum
  FROM moments GROUP BY kind, assessment
)
SELECT m.kind, m.assessment, m.item, m.s AS attempts, m.maxmark AS max_mark,
       CASE WHEN m.maxmark <> 0 THEN m.mark_mean / m.maxmark END AS facility,
       CASE WHEN m.maxmark <> 0 THEN sqrt(m.mark_variance) / m.maxmark END AS sd,
       m.mark_variance, m.other_mark_variance, m.covariance, m.covariance_max,
       CASE WHEN m.mark_variance * m.other_mark_variance <> 0
            THEN 100 * m.covariance / sqrt(m.mark_variance * m.other_mark_variance) END AS discrimination_index,
       CASE WHEN m.covariance_max <> 0 THEN 100 * m.covariance / m.covariance_max END AS discriminative_efficiency,
       CASE WHEN w.root_sum <> 0 AND m.covariance_with_total >= 0
            THEN 100 * sqrt(m.covariance_with_total) / w.root_sum END AS effective_weight
FROM moments m JOIN weights w USING (kind, assessment)
ORDER BY m.kind, m.assessment, m.item;
