-- Scenario blocks: how many runs reached each ending (runs still under way: ending empty).
CREATE TABLE scenario_endings AS
SELECT block, scenario, ending, COUNT(*) AS runs FROM scenario_runs
GROUP BY block, scenario, ending ORDER BY block, runs DESC, ending;
