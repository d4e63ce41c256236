-- Scenario blocks: each path of choices taken (node/choice > …), how many runs took it, and where it ended.
CREATE TABLE scenario_paths AS
SELECT block, path, ending, COUNT(*) AS runs FROM scenario_runs
GROUP BY block, path, ending ORDER BY block, runs DESC, path;
