-- Meters at the end: per scenario block, ending and meter, the runs that ended there and the distribution of
-- the meter's value at that ending (least, lower quartile, median, upper quartile, most) and its mean, beside
-- the bounds the author declared. Quartiles are nearest-rank: the values at ranks ceil(n/4) and ceil(3n/4).
CREATE TABLE scenario_meters_at_end AS
WITH ranked AS (
  SELECT block, scenario, ending, meter, value,
         ROW_NUMBER() OVER (PARTITION BY block, ending, meter ORDER BY value) AS r,
         COUNT(*) OVER (PARTITION BY block, ending, meter) AS n
  FROM scenario_meters
),
summary AS (
  SELECT block, scenario, ending, meter, n AS runs, AVG(value) AS mean, MIN(value) AS least, MAX(value) AS most,
         MAX(CASE WHEN r = (n + 3) / 4 THEN value END) AS lower_quartile,
         AVG(CASE WHEN r IN ((n + 1) / 2, (n + 2) / 2) THEN value END) AS median,
         MAX(CASE WHEN r = (3 * n + 3) / 4 THEN value END) AS upper_quartile
  FROM ranked GROUP BY block, ending, meter
)
SELECT s.block, s.scenario, s.ending, s.meter, s.runs, s.least, s.lower_quartile, s.median, s.upper_quartile,
       s.most, s.mean, d.min AS meter_min, d.max AS meter_max
FROM summary s LEFT JOIN meters d ON d.scenario = s.scenario AND d.meter = s.meter
ORDER BY s.block, s.runs DESC, s.ending, s.meter;
