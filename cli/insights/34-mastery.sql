-- Per competency: learners assessed on it and the share who mastered it (the course's mastery rule).
CREATE TABLE mastery_rates AS
SELECT competency, SUM(assessed) AS assessed, SUM(mastered) AS mastered,
       CASE WHEN SUM(assessed) > 0 THEN 1.0 * SUM(mastered) / SUM(assessed) END AS mastery_rate
FROM mastery GROUP BY competency ORDER BY competency;
