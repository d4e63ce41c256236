-- Likert survey items: answers per point of the scale (every point listed, chosen or not), and the mean.
CREATE TABLE survey_likert AS
WITH RECURSIVE scale(block, item, point, points) AS (
  SELECT block, item, 1, points FROM survey_items WHERE type = 'likert'
  UNION ALL SELECT block, item, point + 1, points FROM scale WHERE point < points
),
respondents AS (
  SELECT block, item, COUNT(*) AS respondents, AVG(points) AS mean FROM survey_answers
  WHERE points IS NOT NULL GROUP BY block, item
)
SELECT s.block, s.item, s.point, s.points,
       (SELECT COUNT(*) FROM survey_answers a WHERE a.block = s.block AND a.item = s.item AND a.points = s.point)
         AS answers,
       COALESCE(r.respondents, 0) AS respondents, r.mean
FROM scale s LEFT JOIN respondents r USING (block, item)
ORDER BY s.block, s.item, s.point;
