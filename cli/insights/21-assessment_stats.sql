-- Test statistics as Moodle's quiz statistics define them (mod/quiz/report/statistics/classes/calculator.php):
-- the attempt totals' mean, median, standard deviation, skewness and kurtosis, and the coefficient of internal
-- consistency (Cronbach's alpha as a percentage), error ratio and standard error. Needs item_stats.
CREATE TABLE assessment_stats AS
WITH totals AS (
  SELECT kind, assessment, usage, SUM(mark) AS total FROM analysed_marks GROUP BY kind, assessment, usage
),
counted AS (
  SELECT kind, assessment, COUNT(*) AS s, AVG(total) AS mean FROM totals GROUP BY kind, assessment
),
ranked AS (
  SELECT t.kind, t.assessment, t.total, c.s,
         ROW_NUMBER() OVER (PARTITION BY t.kind, t.assessment ORDER BY t.total) AS r
  FROM totals t JOIN counted c USING (kind, assessment)
),
medians AS (
  -- The middle total, or the mean of the two middle ones.
  SELECT kind, assessment, AVG(total) AS median FROM ranked
  WHERE r IN ((s + 1) / 2, (s + 2) / 2) GROUP BY kind, assessment
),
powers AS (
  SELECT t.kind, t.assessment, SUM((t.total - c.mean) * (t.total - c.mean)) AS p2,
         SUM((t.total - c.mean) * (t.total - c.mean) * (t.total - c.mean)) AS p3,
         SUM((t.total - c.mean) * (t.total - c.mean) * (t.total - c.mean) * (t.total - c.mean)) AS p4
  FROM totals t JOIN counted c USING (kind, assessment) GROUP BY t.kind, t.assessment
),
items AS (
  SELECT kind, assessment, COUNT(*) AS p, SUM(mark_variance) AS sum_mark_variance
  FROM item_stats GROUP BY kind, assessment
),
-- k2, k3, k4: the unbiased cumulants from the central moments m2, m3, m4 (Moodle's formulas).
cumulants AS (
  SELECT c.kind, c.assessment, c.s, c.mean, m.median, i.p, i.sum_mark_variance,
         CASE WHEN c.s > 1 THEN sqrt(w.p2 / (c.s - 1)) END AS sd,
         CASE WHEN c.s > 2 THEN w.p2 / (c.s - 1) END AS k2,
         CASE WHEN c.s > 2 THEN 1.0 * c.s * c.s * (w.p3 / c.s) / ((c.s - 1) * (c.s - 2)) END AS k3,
         CASE WHEN c.s > 3
              THEN 1.0 * c.s * c.s * ((c.s + 1) * (w.p4 / c.s) - 3 * (c.s - 1) * (w.p2 / c.s) * (w.p2 / c.s))
                   / ((c.s - 1) * (c.s - 2) * (c.s - 3)) END AS k4
  FROM counted c JOIN medians m USING (kind, assessment) JOIN powers w USING (kind, assessment)
       JOIN items i USING (kind, assessment)
),
alpha AS (
  SELECT *, CASE WHEN k2 <> 0 AND p > 1 THEN (100.0 * p / (p - 1)) * (1 - sum_mark_variance / k2) END AS cic
  FROM cumulants
)
SELECT kind, assessment, s AS attempts, p AS items, mean, median, sd,
       CASE WHEN k2 <> 0 THEN k3 / (k2 * sqrt(k2)) END AS skewness,
       CASE WHEN k2 <> 0 THEN k4 / (k2 * k2) END AS kurtosis,
       cic,
       CASE WHEN cic <= 100 THEN 100 * sqrt(1 - cic / 100) END AS error_ratio,
       CASE WHEN cic <= 100 THEN sqrt(1 - cic / 100) * sd END AS standard_error
FROM alpha ORDER BY kind, assessment;
