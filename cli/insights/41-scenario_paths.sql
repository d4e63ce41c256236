-- Scenario blocks: each path of choices taken (node/choice > …), how many runs took it, and where it ended. Runs
-- known from xAPI statements have no path (the steps before an ending are not sent) and are not counted here.
CREATE TABLE scenario_paths AS
SELECT block, path, ending, COUNT(*) AS runs FROM scenario_runs WHERE path IS NOT NULL
GROUP BY block, path, ending ORDER BY block, runs DESC, path;
