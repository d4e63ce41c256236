-- Groups smaller than min_group learners (default 5, --min-group) are shown only as counts: every statistic
-- about them is emptied here, after every analysis, so no table, chart, CSV or JSON carries it.
UPDATE item_stats SET facility = NULL, sd = NULL, mark_variance = NULL, other_mark_variance = NULL,
  covariance = NULL, covariance_max = NULL, discrimination_index = NULL, discriminative_efficiency = NULL,
  effective_weight = NULL
WHERE attempts < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE assessment_stats SET mean = NULL, median = NULL, sd = NULL, skewness = NULL, kurtosis = NULL, cic = NULL,
  error_ratio = NULL, standard_error = NULL
WHERE attempts < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE distractors SET picked = NULL WHERE attempts < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE module_time SET median_minutes = NULL, mean_minutes = NULL, median_to_declared = NULL
WHERE learners < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE attempts_to_pass SET mean_attempts_to_pass = NULL, most_attempts_to_pass = NULL
WHERE learners < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE mastery_rates SET mastery_rate = NULL WHERE assessed < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE survey_likert SET answers = NULL, mean = NULL
WHERE respondents < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE pretest_skips SET skip_rate = NULL WHERE took < (SELECT value FROM settings WHERE name = 'min_group');
UPDATE scenario_meters_at_end SET least = NULL, lower_quartile = NULL, median = NULL, upper_quartile = NULL,
  most = NULL, mean = NULL
WHERE runs < (SELECT value FROM settings WHERE name = 'min_group');
-- Paths and endings taken by fewer than min_group runs are merged into one row per block.
CREATE TABLE small_paths AS
SELECT block, SUM(runs) AS runs FROM scenario_paths
WHERE runs < (SELECT value FROM settings WHERE name = 'min_group') GROUP BY block;
DELETE FROM scenario_paths WHERE runs < (SELECT value FROM settings WHERE name = 'min_group');
INSERT INTO scenario_paths SELECT block, '(other paths, each taken by fewer learners)', NULL, runs FROM small_paths;
DROP TABLE small_paths;
-- Free text from fewer than min_group learners for an item is not listed.
DELETE FROM survey_text WHERE (SELECT COUNT(*) FROM survey_text t WHERE t.block = survey_text.block
  AND t.item = survey_text.item) < (SELECT value FROM settings WHERE name = 'min_group');
