-- How often each choice of a choice item was picked, over every submitted attempt that showed the item.
CREATE TABLE distractors AS
WITH picks AS (
  SELECT m.assessment, m.item, j.value AS choice, COUNT(*) AS picked
  FROM item_marks m, json_each(m.answer) j GROUP BY m.assessment, m.item, j.value
),
shown AS (SELECT assessment, item, COUNT(*) AS attempts FROM item_marks GROUP BY assessment, item)
SELECT c.assessment, c.item, c.choice, c.correct, COALESCE(s.attempts, 0) AS attempts,
       COALESCE(p.picked, 0) AS picked
FROM choices c JOIN items i USING (assessment, item)
     LEFT JOIN shown s USING (assessment, item) LEFT JOIN picks p USING (assessment, item, choice)
ORDER BY c.assessment, i.position, c.position;
